#!/usr/bin/env bash
# Runs every test of the solution: unit, integration (real HTTP pipeline, real SQLite files) and browser tests.
# Browser tests need Debian's Chromium at /usr/bin/chromium; it is installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium (/usr/bin/chromium) est requis par les tests navigateur : installation…" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "Installez Chromium : apt-get install chromium" >&2
    exit 1
  fi
fi

dotnet test PareNetwork.sln "$@"
