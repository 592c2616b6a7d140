using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Backups;
using PareNetwork.Web.Data;

namespace PareNetwork.Tests.Backups;

public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_restored_into_a_fresh_folder_opens_a_session_signed_in_before_the_backup()
    {
        await using var live = new PareAppFactory();
        var restoredFolder = Directory.CreateTempSubdirectory("pare-tests-restored-").FullName;
        var keylessFolder = Directory.CreateTempSubdirectory("pare-tests-keyless-").FullName;
        try
        {
            using var coordination = await Browsing.AsAsync(live, Roles.Coordination);
            Directory.CreateDirectory(Path.Combine(live.Folder, "uploads", "ressources"));
            var upload = Path.Combine(live.Folder, "uploads", "ressources", "guide.pdf");
            await File.WriteAllBytesAsync(upload, [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 251))]);

            var summary = await RunBackupAsync(live);
            var backup = BackupFolder(live);
            var liveKeys = KeyFiles(Path.Combine(live.Folder, "keys"));
            Assert.NotEmpty(liveKeys);
            var (liveIntegrity, liveRows) = await SqliteCopy.InspectAsync(live.DatabasePath, CancellationToken.None);
            Assert.Equal("ok", liveIntegrity);

            // The copy opens, is sound, and holds what the live database holds, table by table.
            var (integrity, rows) = await SqliteCopy.InspectAsync(Path.Combine(backup, "pare.db"), CancellationToken.None);
            Assert.Equal("ok", integrity);
            Assert.Equal(liveRows, rows);
            Assert.Equal(34_875, rows["Communes"]);
            Assert.Equal("ok", (await SqliteCopy.InspectAsync(Path.Combine(backup, "hangfire.db"), CancellationToken.None)).Integrity);
            Assert.Equal(liveKeys, KeyFiles(Path.Combine(backup, "keys")));
            Assert.Equal(await File.ReadAllBytesAsync(upload), await File.ReadAllBytesAsync(Path.Combine(backup, "uploads", "ressources", "guide.pdf")));

            Assert.StartsWith($"Sauvegarde du {Path.GetFileName(backup)} : base ", summary);
            Assert.Contains($" tables, {PareNetwork.Web.Pages.Shared.Display.Number(liveRows.Values.Sum())} lignes, intégrité vérifiée), tâches ", summary);
            Assert.Contains($", {liveKeys.Count} clé", summary);
            Assert.Contains(", 1 fichier déposé (2,9 Ko) ; 1 copie gardée.", summary);
            Assert.DoesNotContain("@", summary);

            // The documented restore: the database file, keys/ and uploads/ (and Hangfire's file) into the new data folder.
            File.Copy(Path.Combine(backup, "pare.db"), Path.Combine(restoredFolder, "pare.db"));
            File.Copy(Path.Combine(backup, "hangfire.db"), Path.Combine(restoredFolder, "hangfire.db"));
            CopyTree(Path.Combine(backup, "keys"), Path.Combine(restoredFolder, "keys"));
            CopyTree(Path.Combine(backup, "uploads"), Path.Combine(restoredFolder, "uploads"));
            File.Copy(Path.Combine(backup, "pare.db"), Path.Combine(keylessFolder, "pare.db"));

            Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(live, coordination.SessionCookie));
            await using (var restored = new PareAppFactory(folder: restoredFolder))
            {
                Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(restored, coordination.SessionCookie));
                Assert.Equal(HttpStatusCode.Redirect, await AdminStatusAsync(restored, null));
            }
            // Without the keys the same cookie is unreadable: the restore needs keys/.
            await using (var keyless = new PareAppFactory(folder: keylessFolder))
            {
                Assert.Equal(HttpStatusCode.Redirect, await AdminStatusAsync(keyless, coordination.SessionCookie));
            }
        }
        finally
        {
            DeleteFolder(restoredFolder);
            DeleteFolder(keylessFolder);
            live.DeleteFolder();
        }
    }

    [Fact]
    public async Task A_second_run_the_same_night_copies_nothing_and_a_live_change_after_it_is_not_in_the_copy()
    {
        await using var live = new PareAppFactory();
        try
        {
            var first = await RunBackupAsync(live);
            var backup = BackupFolder(live);
            var copied = await File.ReadAllBytesAsync(Path.Combine(backup, "pare.db"));
            await using (var scope = live.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
                db.Outbox.Add(new PareNetwork.Web.Mail.OutboxMessage { To = "", Subject = "après la copie", TextBody = "", CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }

            var second = await RunBackupAsync(live);

            Assert.StartsWith("Sauvegarde du ", first);
            Assert.Equal($"Sauvegarde du {Path.GetFileName(backup)} déjà faite ; 1 copie gardée.", second);
            Assert.Equal([Path.GetFileName(backup)], Directory.GetDirectories(Path.Combine(live.Folder, "backups")).Select(Path.GetFileName));
            Assert.Equal(copied, await File.ReadAllBytesAsync(Path.Combine(backup, "pare.db")));
            await using var scope2 = live.Services.CreateAsyncScope();
            var runs = await scope2.ServiceProvider.GetRequiredService<PareDbContext>().JobRuns
                .Where(r => r.Job == BackupJob.Id).OrderBy(r => r.Id).Select(r => r.Summary).ToListAsync();
            Assert.Equal([first, second], runs);
        }
        finally
        {
            live.DeleteFolder();
        }
    }

    [Fact]
    public async Task Each_Paris_night_gets_its_folder_and_only_the_newest_copies_are_kept()
    {
        // 23:30 UTC on 30 November is already 1 December in Paris (UTC+1).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero));
        await using var live = new PareAppFactory();
        try
        {
            await using var app = live.WithWebHostBuilder(b =>
            {
                b.UseSetting("Pare:Backups:Keep", "2");
                b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time));
            });
            var summaries = new List<string>();
            for (var night = 0; night < 4; night++)
            {
                summaries.Add(await RunBackupAsync(app));
                time.Advance(TimeSpan.FromDays(1));
            }

            Assert.Equal(["2026-12-03", "2026-12-04"],
                Directory.GetDirectories(Path.Combine(live.Folder, "backups")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.StartsWith("Sauvegarde du 2026-12-01 : ", summaries[0]);
            Assert.EndsWith("; 1 copie gardée.", summaries[0]);
            Assert.EndsWith("; 2 copies gardées.", summaries[1]);
            Assert.StartsWith("Sauvegarde du 2026-12-03 : ", summaries[2]);
            Assert.EndsWith("; 2 copies gardées, 1 supprimée.", summaries[2]);
            Assert.EndsWith("; 2 copies gardées, 1 supprimée.", summaries[3]);
            // No uploads/ folder yet: the backup says nothing of it and makes none.
            Assert.DoesNotContain("fichier", summaries[3]);
            Assert.False(Directory.Exists(Path.Combine(live.Folder, "backups", "2026-12-04", "uploads")));
        }
        finally
        {
            live.DeleteFolder();
        }
    }

    private static async Task<string> RunBackupAsync(WebApplicationFactory<Program> factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var run = await db.JobRuns.Where(r => r.Job == BackupJob.Id).OrderByDescending(r => r.Id).FirstAsync();
        Assert.True(run.Succeeded, run.Summary);
        return run.Summary;
    }

    private static string BackupFolder(PareAppFactory factory) =>
        Assert.Single(Directory.GetDirectories(Path.Combine(factory.Folder, "backups")));

    private static async Task<HttpStatusCode> AdminStatusAsync(WebApplicationFactory<Program> factory, string? cookie)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static List<string> KeyFiles(string folder) =>
        [.. Directory.GetFiles(folder).Select(f => Path.GetFileName(f) + ":" + File.ReadAllText(f).Length).Order(StringComparer.Ordinal)];

    private static void CopyTree(string source, string destination)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private static void DeleteFolder(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
