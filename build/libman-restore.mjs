#!/usr/bin/env node
// libman-restore.mjs — a small, dependency-free implementation of `libman restore`
// for LibMan manifests (libman.json) whose libraries come from npm-backed providers
// (unpkg, jsdelivr). Packages are fetched with `npm pack` from the configured npm
// registry, so no CDN access is needed.
//
// Usage:
//   node build/libman-restore.mjs <path-to-libman.json> [--list-file <path>]
//
// Semantics follow LibMan:
//   * "library": "name@version" (exact versions only; ranges and tags are rejected);
//   * "destination" (or the manifest's "defaultDestination") is relative to the manifest;
//   * each entry of "files" is copied keeping its path relative to the package root,
//     e.g. "dist/leaflet.js" -> <destination>/dist/leaflet.js (simple * / ** / ? globs allowed);
//   * without "files", the whole package is copied.
//
// Cache: <manifest dir>/.libman-cache/ holds the tarballs and the extracted packages,
// keyed by name@version; once a package is cached, restores are offline.
//
// --list-file <path>: after a successful restore, write the absolute paths of every
// restored file (one per line) to <path>. If that file already exists, files it lists
// that are no longer produced by the manifest are deleted first (stale files of a
// removed library or file entry), like LibMan does when a library is removed.
//
// Exit code 0 on success; 1 with a message prefixed "libman-restore: error:" otherwise.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TOOL = 'libman-restore';
const NPM_PROVIDERS = new Set(['unpkg', 'jsdelivr']);
const COMPLETE_MARKER = '.libman-complete';

class RestoreError extends Error {}

function fail(message) {
  throw new RestoreError(message);
}

function log(message) {
  process.stdout.write(`${TOOL}: ${message}\n`);
}

// ---------------------------------------------------------------------------
// Arguments and manifest
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { manifest: undefined, listFile: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--list-file') {
      args.listFile = argv[++i];
      if (!args.listFile) fail('--list-file needs a path.');
    } else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: node libman-restore.mjs <path-to-libman.json> [--list-file <path>]\n');
      process.exit(0);
    } else if (a.startsWith('--')) {
      fail(`unknown option '${a}'.`);
    } else if (args.manifest === undefined) {
      args.manifest = a;
    } else {
      fail(`unexpected argument '${a}'.`);
    }
  }
  if (!args.manifest) fail('missing argument: path to libman.json. Usage: node libman-restore.mjs <path-to-libman.json>');
  return args;
}

// Exact semver versions only: 1.2.3, 1.2.3-beta.1, 1.2.3+build.
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i;

function parseLibraryId(id, index) {
  if (typeof id !== 'string' || id.trim() === '') fail(`libraries[${index}]: "library" is missing.`);
  const at = id.lastIndexOf('@');
  if (at <= 0) fail(`library '${id}': expected "name@version" with an exact version (e.g. "leaflet@1.9.4").`);
  const name = id.slice(0, at);
  const version = id.slice(at + 1);
  if (!PACKAGE_NAME.test(name)) fail(`library '${id}': '${name}' is not a valid npm package name.`);
  if (!EXACT_VERSION.test(version)) {
    fail(`library '${id}': '${version}' is not an exact version; ranges and tags are not allowed (use e.g. "${name}@1.2.3").`);
  }
  return { name, version, id: `${name}@${version}` };
}

function readManifest(manifestPath) {
  let text;
  try {
    text = fs.readFileSync(manifestPath, 'utf8');
  } catch (e) {
    fail(`cannot read manifest '${manifestPath}': ${e.message}`);
  }
  let manifest;
  try {
    manifest = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail(`manifest '${manifestPath}' is not valid JSON: ${e.message}`);
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) fail(`manifest '${manifestPath}' must be a JSON object.`);
  if (manifest.version !== undefined && !['1.0', '3.0'].includes(String(manifest.version))) {
    fail(`manifest '${manifestPath}': unsupported manifest version '${manifest.version}' (expected "1.0" or "3.0").`);
  }
  const libraries = manifest.libraries ?? [];
  if (!Array.isArray(libraries)) fail(`manifest '${manifestPath}': "libraries" must be an array.`);

  return libraries.map((lib, index) => {
    if (lib === null || typeof lib !== 'object') fail(`libraries[${index}] must be an object.`);
    const parsed = parseLibraryId(lib.library, index);
    const provider = lib.provider ?? manifest.defaultProvider;
    if (!provider) fail(`library '${parsed.id}': no "provider" and no "defaultProvider" in the manifest.`);
    if (!NPM_PROVIDERS.has(provider)) {
      fail(`library '${parsed.id}': provider '${provider}' is not supported by ${TOOL} (only npm-backed providers: ${[...NPM_PROVIDERS].join(', ')}).`);
    }
    if (provider === 'jsdelivr' && parsed.name.startsWith('gh/')) fail(`library '${parsed.id}': jsdelivr GitHub libraries are not supported.`);
    const destination = lib.destination ?? manifest.defaultDestination;
    if (typeof destination !== 'string' || destination.trim() === '') {
      fail(`library '${parsed.id}': no "destination" and no "defaultDestination" in the manifest.`);
    }
    let files;
    if (lib.files !== undefined && lib.files !== null) {
      if (!Array.isArray(lib.files) || lib.files.some((f) => typeof f !== 'string' || f.trim() === '')) {
        fail(`library '${parsed.id}': "files" must be an array of non-empty strings.`);
      }
      files = lib.files;
    }
    return { ...parsed, destination, files };
  });
}

// ---------------------------------------------------------------------------
// npm pack + cache
// ---------------------------------------------------------------------------

function cacheKey(lib) {
  // "@scope/name@1.0.0" -> "@scope+name@1.0.0" (a single folder name).
  return lib.id.replace('/', '+');
}

function runNpmPack(lib, destDir, cwd) {
  const isWindows = process.platform === 'win32';
  const npm = isWindows ? 'npm.cmd' : 'npm';
  const args = [
    'pack', lib.id,
    '--pack-destination', destDir,
    '--json',
    '--ignore-scripts',
    // Fail in seconds rather than minutes when the registry is unreachable.
    '--fetch-retries=1', '--fetch-retry-mintimeout=2000', '--fetch-retry-maxtimeout=10000',
  ];
  const quote = (s) => (/[\s"&|<>^]/.test(s) ? `"${s}"` : s);
  const result = spawnSync(npm, isWindows ? args.map(quote) : args, {
    cwd,
    encoding: 'utf8',
    shell: isWindows, // npm.cmd cannot be spawned without a shell on Windows
    windowsHide: true,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 5 * 60 * 1000,
  });
  if (result.error) {
    if (result.error.code === 'ENOENT') {
      fail(`npm was not found on PATH; it is needed to download '${lib.id}'. Install Node.js (which includes npm) and retry.`);
    }
    if (result.error.code === 'ETIMEDOUT') fail(`'npm pack ${lib.id}' timed out after 5 minutes; is the npm registry reachable?`);
    fail(`could not run npm for '${lib.id}': ${result.error.message}`);
  }
  let json;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  if (result.status !== 0 || !Array.isArray(json) || json.length !== 1) {
    const err = json && !Array.isArray(json) ? json.error : undefined;
    const code = err?.code ?? '';
    const summary = err?.summary ?? '';
    const stderrTail = (result.stderr || '').split(/\r?\n/).filter((l) => l.trim() !== '' && !/^npm warn /i.test(l)).slice(-8).join('\n    ');
    if (/^E(?:CONNREFUSED|CONNRESET|NOTFOUND|AI_AGAIN|TIMEDOUT|HOSTUNREACH|NETUNREACH)$/.test(code) || /ETIMEDOUT|ENOTFOUND|ECONNREFUSED|EAI_AGAIN/.test(summary)) {
      fail(`cannot download '${lib.id}': the npm registry is unreachable (${code}: ${summary}). Check the network / npm "registry" and "proxy" settings, or pre-populate the cache.`);
    }
    if (code === 'E404' || code === 'ETARGET') {
      fail(`cannot download '${lib.id}': not found in the npm registry (${code}: ${summary}).`);
    }
    fail(`'npm pack ${lib.id}' failed (exit code ${result.status})${summary ? `: ${code} ${summary}` : ''}${stderrTail ? `\n    ${stderrTail}` : ''}`);
  }
  const info = json[0];
  const tarball = path.join(destDir, info.filename);
  if (!fs.existsSync(tarball)) fail(`'npm pack ${lib.id}' reported '${info.filename}' but the file is not in '${destDir}'.`);
  if (info.name !== lib.name || info.version !== lib.version) {
    fail(`'npm pack ${lib.id}' returned ${info.name}@${info.version} instead.`);
  }
  return { tarball, integrity: info.integrity };
}

function verifyIntegrity(file, integrity, lib) {
  if (typeof integrity !== 'string' || !integrity.startsWith('sha512-')) return;
  const actual = `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
  if (actual !== integrity) fail(`integrity check failed for '${lib.id}': expected ${integrity}, got ${actual}.`);
}

// Minimal tar reader for npm tarballs (ustar, with pax and GNU long-name headers).
// Returns [{ path, data }] for regular files, with the top-level folder ("package/")
// stripped, exactly like npm does.
function readTarGz(file, lib) {
  let buf;
  try {
    buf = zlib.gunzipSync(fs.readFileSync(file));
  } catch (e) {
    fail(`cannot decompress the tarball of '${lib.id}' (${file}): ${e.message}`);
  }
  const entries = [];
  const str = (b, start, len) => {
    const s = b.subarray(start, start + len);
    const nul = s.indexOf(0);
    return s.subarray(0, nul === -1 ? s.length : nul).toString('utf8');
  };
  const octal = (b, start, len) => {
    if (b[start] & 0x80) {
      // base-256 encoding (GNU); sizes this large never occur in npm packages.
      let v = 0;
      for (let i = start + 1; i < start + len; i++) v = v * 256 + b[i];
      return v;
    }
    const s = str(b, start, len).trim();
    return s === '' ? 0 : parseInt(s, 8);
  };
  let offset = 0;
  let paxPath;
  let longName;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = offset + 512;
    const data = buf.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      // pax extended header: "<len> key=value\n" records
      const text = data.toString('utf8');
      let i = 0;
      while (i < text.length) {
        const sp = text.indexOf(' ', i);
        if (sp === -1) break;
        const len = parseInt(text.slice(i, sp), 10);
        if (!(len > 0)) break;
        const record = text.slice(sp + 1, i + len - 1);
        const eq = record.indexOf('=');
        if (eq > 0 && record.slice(0, eq) === 'path') paxPath = record.slice(eq + 1);
        i += len;
      }
      continue;
    }
    if (type === 'L') {
      longName = str(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue;
    let name = paxPath ?? longName;
    if (name === undefined) {
      name = str(header, 0, 100);
      const magic = str(header, 257, 6);
      const prefix = magic.startsWith('ustar') ? str(header, 345, 155) : '';
      if (prefix) name = `${prefix}/${name}`;
    }
    paxPath = undefined;
    longName = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') continue; // only regular files
    const parts = name.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
    parts.shift(); // strip the top-level folder ("package")
    if (parts.length === 0) continue;
    if (parts.some((p) => p === '..') || /^[a-z]:/i.test(parts[0])) fail(`tarball of '${lib.id}' contains an unsafe path '${name}'.`);
    entries.push({ path: parts.join('/'), data });
  }
  if (entries.length === 0) fail(`the tarball of '${lib.id}' (${file}) contains no files.`);
  return entries;
}

function ensurePackage(lib, cacheRoot, cwd) {
  const key = cacheKey(lib);
  const pkgDir = path.join(cacheRoot, key);
  if (fs.existsSync(path.join(pkgDir, COMPLETE_MARKER))) return { pkgDir, downloaded: false };

  fs.mkdirSync(cacheRoot, { recursive: true });
  const tarballsDir = path.join(cacheRoot, 'tarballs');
  const tarball = path.join(tarballsDir, `${key}.tgz`);
  let downloaded = false;
  if (!fs.existsSync(tarball)) {
    fs.mkdirSync(tarballsDir, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(cacheRoot, '.tmp-pack-'));
    try {
      log(`downloading ${lib.id} (npm pack)`);
      const packed = runNpmPack(lib, tmp, cwd);
      verifyIntegrity(packed.tarball, packed.integrity, lib);
      fs.renameSync(packed.tarball, tarball);
      downloaded = true;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  // Extract into a temporary folder, then move it into place atomically, so that a
  // concurrent or interrupted restore never sees a half-extracted package.
  const entries = readTarGz(tarball, lib);
  const tmp = fs.mkdtempSync(path.join(cacheRoot, '.tmp-extract-'));
  try {
    for (const entry of entries) {
      const target = path.join(tmp, ...entry.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.data);
    }
    fs.writeFileSync(path.join(tmp, COMPLETE_MARKER), `${lib.id}\n`);
    fs.rmSync(pkgDir, { recursive: true, force: true });
    try {
      fs.renameSync(tmp, pkgDir);
    } catch (e) {
      // Another restore running at the same time may have won the race.
      if (!fs.existsSync(path.join(pkgDir, COMPLETE_MARKER))) throw e;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { pkgDir, downloaded };
}

// ---------------------------------------------------------------------------
// File selection and copy
// ---------------------------------------------------------------------------

function listPackageFiles(pkgDir) {
  const result = [];
  const walk = (dir, rel) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), r);
      else if (entry.isFile() && !(rel === '' && entry.name === COMPLETE_MARKER)) result.push(r);
    }
  };
  walk(pkgDir, '');
  return result.sort();
}

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

function normalizeRelative(file, lib) {
  const parts = file.trim().replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..') || /^[a-z]:/i.test(parts[0])) {
    fail(`library '${lib.id}': invalid file path '${file}'.`);
  }
  return parts.join('/');
}

function selectFiles(lib, pkgDir) {
  if (!lib.files) return listPackageFiles(pkgDir);
  const selected = [];
  let all;
  for (const raw of lib.files) {
    const rel = normalizeRelative(raw, lib);
    if (/[*?]/.test(rel)) {
      all ??= listPackageFiles(pkgDir);
      const re = globToRegExp(rel);
      const matches = all.filter((f) => re.test(f));
      if (matches.length === 0) fail(`library '${lib.id}': no file of the package matches '${raw}'.`);
      selected.push(...matches);
    } else {
      const src = path.join(pkgDir, ...rel.split('/'));
      let stat;
      try {
        stat = fs.statSync(src);
      } catch {
        stat = undefined;
      }
      if (!stat || !stat.isFile()) fail(`library '${lib.id}': file '${rel}' does not exist in the package.`);
      selected.push(rel);
    }
  }
  return [...new Set(selected)];
}

function sameContent(a, b) {
  let sb;
  try {
    sb = fs.statSync(b);
  } catch {
    return false;
  }
  const sa = fs.statSync(a);
  if (!sb.isFile() || sa.size !== sb.size) return false;
  return fs.readFileSync(a).equals(fs.readFileSync(b));
}

function removeStaleFiles(listFile, keep, manifestDir) {
  let previous;
  try {
    previous = fs.readFileSync(listFile, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  } catch {
    return 0;
  }
  const keepSet = new Set([...keep].map((f) => path.resolve(f)));
  const root = path.resolve(manifestDir);
  let removed = 0;
  for (const line of previous) {
    const file = path.resolve(line.trim());
    if (keepSet.has(file)) continue;
    // Only ever delete files below the manifest folder.
    if (!file.startsWith(root + path.sep)) continue;
    try {
      fs.unlinkSync(file);
      removed++;
    } catch {
      continue;
    }
    // Remove folders left empty, up to (not including) the manifest folder.
    for (let dir = path.dirname(file); dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
      try {
        fs.rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
  return removed;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function main() {
  const started = process.hrtime.bigint();
  const args = parseArgs(process.argv.slice(2));
  const manifestPath = path.resolve(args.manifest);
  const manifestDir = path.dirname(manifestPath);
  const libraries = readManifest(manifestPath);
  const cacheRoot = path.join(manifestDir, '.libman-cache');

  // 1. Resolve every library and check every listed file before copying anything.
  const plan = [];
  const destinations = new Map();
  let downloads = 0;
  for (const lib of libraries) {
    const { pkgDir, downloaded } = ensurePackage(lib, cacheRoot, manifestDir);
    if (downloaded) downloads++;
    const destRoot = path.resolve(manifestDir, lib.destination);
    for (const rel of selectFiles(lib, pkgDir)) {
      const dest = path.join(destRoot, ...rel.split('/'));
      const key = process.platform === 'win32' ? dest.toLowerCase() : dest;
      const other = destinations.get(key);
      if (other && other !== lib.id) fail(`'${dest}' would be written by both '${other}' and '${lib.id}'.`);
      destinations.set(key, lib.id);
      plan.push({ lib, src: path.join(pkgDir, ...rel.split('/')), dest });
    }
  }

  // 2. Copy what is missing or different.
  let copied = 0;
  for (const { src, dest } of plan) {
    if (sameContent(src, dest)) continue;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(src, dest);
    copied++;
  }

  // 3. Remove files restored previously that the manifest no longer lists, then record the list.
  let removed = 0;
  if (args.listFile) {
    const listFile = path.resolve(args.listFile);
    removed = removeStaleFiles(listFile, plan.map((p) => p.dest), manifestDir);
    fs.mkdirSync(path.dirname(listFile), { recursive: true });
    const lines = [...new Set(plan.map((p) => p.dest))].sort();
    fs.writeFileSync(listFile, lines.length ? `${lines.join('\n')}\n` : '');
  }

  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const libs = libraries.map((l) => l.id).join(', ') || 'no libraries';
  log(`${libs}: ${plan.length} file(s), ${copied} copied, ${plan.length - copied} up to date${removed ? `, ${removed} stale removed` : ''}${downloads ? `, ${downloads} downloaded` : ''} (${ms.toFixed(0)} ms)`);
}

try {
  main();
} catch (e) {
  const message = e instanceof RestoreError ? e.message : (e && e.stack) || String(e);
  process.stderr.write(`${TOOL}: error: ${message}\n`);
  process.exit(1);
}
