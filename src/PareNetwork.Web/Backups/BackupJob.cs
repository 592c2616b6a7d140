using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Jobs;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Backups;

/// <summary>
/// The nightly backup: one folder per Paris day (<c>backups/2026-12-01/</c>) holding a checked copy of the app
/// database, a copy of Hangfire's database, the Data Protection keys and the uploaded files. The copy is made in a
/// temporary folder and renamed into place only once complete and sound, so a dated folder is always a whole backup;
/// a second run the same day finds it and copies nothing. The <see cref="BackupSources.Keep"/> newest are kept.
/// </summary>
public sealed partial class BackupJob(JobRecorder recorder, PareDbContext db, BackupSources sources, TimeProvider time) : IRecurringJob
{
    public const string Id = "sauvegarde";

    /// <summary>Prefix of a copy being made; one left by a crash is removed by a later run.</summary>
    public const string TemporaryPrefix = ".en-cours-";

    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(6);

    public Task RunAsync(CancellationToken ct) => recorder.RunAsync(Id, BackUpAsync, ct);

    /// <summary>The folder of the backup of <paramref name="now"/>'s Paris day.</summary>
    public string FolderFor(DateTime now) =>
        Path.Combine(sources.Folder, DateOnly.FromDateTime(Display.ParisTime(now)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private async Task<string> BackUpAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Directory.CreateDirectory(sources.Folder);
        RemoveAbandoned(now);
        var target = FolderFor(now);
        var day = Path.GetFileName(target);
        if (Directory.Exists(target))
        {
            return $"Sauvegarde du {day} déjà faite ; {Prune()}.";
        }

        var temporary = Path.Combine(sources.Folder, TemporaryPrefix + day + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(temporary);
        try
        {
            var database = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var databaseCopy = Path.Combine(temporary, Path.GetFileName(database));
            await SqliteCopy.CopyAsync(database, databaseCopy, ct);
            var (integrity, rows) = await SqliteCopy.InspectAsync(databaseCopy, ct);
            if (integrity != "ok")
            {
                throw new BackupIntegrityException();
            }
            var parts = new List<string>
            {
                $"base {Size(new FileInfo(databaseCopy).Length)} ({Display.Count(rows.Count, "table", "tables", feminine: true)}, " +
                $"{Display.Number(rows.Values.Sum())} lignes, intégrité vérifiée)",
            };

            if (File.Exists(sources.JobsFile))
            {
                var jobsCopy = Path.Combine(temporary, Path.GetFileName(sources.JobsFile));
                await SqliteCopy.CopyAsync(sources.JobsFile, jobsCopy, ct);
                if ((await SqliteCopy.InspectAsync(jobsCopy, ct)).Integrity != "ok")
                {
                    throw new BackupIntegrityException();
                }
                parts.Add($"tâches {Size(new FileInfo(jobsCopy).Length)}");
            }

            var (keys, _) = CopyFolder(sources.KeysFolder, Path.Combine(temporary, BackupSources.KeysFolderName));
            parts.Add(Display.Count(keys, "clé", "clés"));
            // The newsletter's secret: without it the restored app cannot check the unsubscribe links already sent.
            var secret = Path.Combine(sources.DataFolder, Newsletter.NewsletterSecret.FileName);
            if (File.Exists(secret))
            {
                File.Copy(secret, Path.Combine(temporary, Newsletter.NewsletterSecret.FileName));
                parts.Add("secret de la lettre d'information");
            }
            if (Directory.Exists(sources.UploadsFolder))
            {
                var (files, bytes) = CopyFolder(sources.UploadsFolder, Path.Combine(temporary, BackupSources.UploadsFolderName));
                parts.Add($"{Display.Count(files, "fichier déposé", "fichiers déposés", feminine: false)} ({Size(bytes)})");
            }

            try
            {
                Directory.Move(temporary, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another run of the same day finished first: its copy stands.
                Directory.Delete(temporary, recursive: true);
                return $"Sauvegarde du {day} déjà faite ; {Prune()}.";
            }
            return $"Sauvegarde du {day} : {string.Join(", ", parts)} ; {Prune()}.";
        }
        catch
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
            throw;
        }
    }

    /// <summary>Keeps the <see cref="BackupSources.Keep"/> newest dated folders and deletes the others.</summary>
    private string Prune()
    {
        var dated = Directory.EnumerateDirectories(sources.Folder)
            .Where(d => DatedFolder().IsMatch(Path.GetFileName(d)))
            .OrderDescending(StringComparer.Ordinal)
            .ToList();
        var removed = dated.Skip(Math.Max(1, sources.Keep)).ToList();
        foreach (var folder in removed)
        {
            Directory.Delete(folder, recursive: true);
        }
        var kept = dated.Count - removed.Count;
        var summary = Display.Count(kept, "copie gardée", "copies gardées");
        return removed.Count == 0 ? summary : $"{summary}, {Display.Count(removed.Count, "supprimée", "supprimées")}";
    }

    private void RemoveAbandoned(DateTime now)
    {
        foreach (var folder in Directory.EnumerateDirectories(sources.Folder, TemporaryPrefix + "*"))
        {
            if (now - Directory.GetCreationTimeUtc(folder) > AbandonedAfter)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Copies a folder's files and sub-folders; returns how many files and bytes. A missing folder copies nothing.</summary>
    private static (int Files, long Bytes) CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        if (!Directory.Exists(source))
        {
            return (0, 0);
        }
        var files = 0;
        var bytes = 0L;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            files++;
            bytes += new FileInfo(copy).Length;
        }
        return (files, bytes);
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} o",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.0", Display.French) + " Ko",
        _ => (bytes / (1024d * 1024d)).ToString("0.0", Display.French) + " Mo",
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatedFolder();
}

/// <summary>A copy that <c>PRAGMA integrity_check</c> did not find sound; it is deleted, never kept as a backup.</summary>
public sealed class BackupIntegrityException() : Exception("La copie de la base n'est pas intègre.");
