using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;
using PareNetwork.Web.Jobs;
using PareNetwork.Web.Mail;

namespace PareNetwork.Tests.Jobs;

/// <summary>A job the test can see run: it records a run under its marker.</summary>
public sealed class RestartProbeJob(JobRecorder recorder)
{
    public Task RunAsync(string marker) => recorder.RunAsync(marker, _ => Task.FromResult("sonde exécutée"));
}

/// <summary>Jobs live in Hangfire's SQLite file: what one process queued or scheduled, the next one runs.</summary>
public sealed class JobRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_scheduled_job_and_a_queued_delivery_run_after_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("pare-tests-").FullName;
        var marker = $"sonde-{Guid.NewGuid():N}"[..20];
        var message = new OutboxMessage { To = $"redemarrage-{Guid.NewGuid():N}@exemple.org", Subject = "Essai – Réseau PARÉ", TextBody = "Bonjour.", CreatedAt = DateTime.UtcNow };

        await using (var first = new PareAppFactory(folder: folder))
        {
            Assert.False(first.JobsServer);
            first.Services.GetRequiredService<IBackgroundJobClient>().Schedule<RestartProbeJob>(job => job.RunAsync(marker), TimeSpan.FromSeconds(1));
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
        }

        var restarted = new PareAppFactory(folder: folder) { JobsServer = true };
        try
        {
            // The recurring pass is pushed back a year: only the delivery job queued before the restart may send the message.
            await using var second = restarted.WithWebHostBuilder(builder => builder
                .UseSetting("Pare:Jobs:PollingIntervalSeconds", "1")
                .UseSetting($"Pare:Jobs:Cron:{OutboxDeliveryJob.Id}", "0 0 1 1 *"));
            var services = second.Services;
            var deadline = DateTime.UtcNow + Patience;
            (bool Probe, DateTime? SentAt, string? Delivery) seen;
            while (true)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
                seen = (
                    await db.JobRuns.AnyAsync(r => r.Job == marker && r.Succeeded),
                    await db.Outbox.Where(m => m.Id == message.Id).Select(m => m.SentAt).SingleAsync(),
                    await db.JobRuns.Where(r => r.Job == OutboxDeliveryJob.Id && r.FinishedAt != null).Select(r => r.Summary).FirstOrDefaultAsync());
                if ((seen.Probe && seen.SentAt is not null && seen.Delivery is not null) || DateTime.UtcNow > deadline)
                {
                    break;
                }
                await Task.Delay(100);
            }
            Assert.True(seen.Probe, "The job scheduled before the restart did not run.");
            Assert.NotNull(seen.SentAt);
            Assert.Equal("1 courriel envoyé", seen.Delivery);
            Assert.True(File.Exists(Path.Combine(services.GetRequiredService<PickupFolder>().Path, $"{message.Id:N}.eml")));
        }
        finally
        {
            await restarted.DisposeAsync();
            restarted.DeleteFolder();
        }
    }
}
