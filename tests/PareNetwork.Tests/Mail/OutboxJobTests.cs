using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Pages.Admin;
using PareNetwork.Web.Mail;

namespace PareNetwork.Tests.Mail;

/// <summary>The delivery as a Hangfire job, over an app of its own with the pickup folder (Hangfire's server off).</summary>
public sealed class OutboxJobTests(AdminApp app) : IClassFixture<AdminApp>
{
    private long Queued(Type job) => app.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi()
        .EnqueuedJobs("default", 0, 10_000).Count(j => j.Value.Job?.Type == job);

    private static OutboxMessage NewMessage(string to) =>
        new() { To = to, Subject = "Essai – Réseau PARÉ", TextBody = "Bonjour.", CreatedAt = DateTime.UtcNow };

    [Fact]
    public async Task A_commit_that_writes_messages_queues_one_delivery_job_and_a_rollback_none()
    {
        var before = Queued(typeof(OutboxDeliveryJob));

        await app.WithDbAsync(async db =>
        {
            db.Outbox.Add(NewMessage($"file-{Guid.NewGuid():N}@exemple.org"));
            db.Outbox.Add(NewMessage($"file-{Guid.NewGuid():N}@exemple.org"));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(before + 1, Queued(typeof(OutboxDeliveryJob)));

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Outbox.Add(NewMessage($"annule-{Guid.NewGuid():N}@exemple.org"));
            await db.SaveChangesAsync();
            Assert.Equal(before + 1, Queued(typeof(OutboxDeliveryJob)));
            await transaction.RollbackAsync();
            return 0;
        });
        Assert.Equal(before + 1, Queued(typeof(OutboxDeliveryJob)));

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Outbox.Add(NewMessage($"valide-{Guid.NewGuid():N}@exemple.org"));
            await db.SaveChangesAsync();
            Assert.Equal(before + 1, Queued(typeof(OutboxDeliveryJob)));
            await transaction.CommitAsync();
            return 0;
        });
        Assert.Equal(before + 2, Queued(typeof(OutboxDeliveryJob)));

        // A save that writes no message queues nothing.
        await app.WithDbAsync(async db =>
        {
            (await db.Structures.OrderBy(s => s.Id).FirstAsync()).Description = $"Description {Guid.NewGuid():N}";
            return await db.SaveChangesAsync();
        });
        Assert.Equal(before + 2, Queued(typeof(OutboxDeliveryJob)));
    }

    [Fact]
    public async Task A_run_delivers_what_is_due_and_records_counts_only_then_a_second_run_records_nothing()
    {
        await app.Factory.Services.GetRequiredService<OutboxDelivery>().FlushAsync();
        var good = new[] { NewMessage($"job-{Guid.NewGuid():N}@exemple.org"), NewMessage($"job-{Guid.NewGuid():N}@exemple.org") };
        var bad = NewMessage("adresse@mal@formee");
        await app.WithDbAsync(db =>
        {
            db.Outbox.AddRange([.. good, bad]);
            return db.SaveChangesAsync();
        });
        var runsBefore = await app.WithDbAsync(db => db.JobRuns.CountAsync(r => r.Job == OutboxDeliveryJob.Id));

        await RunJobAsync();
        await RunJobAsync();

        var runs = await app.WithDbAsync(db => db.JobRuns.Where(r => r.Job == OutboxDeliveryJob.Id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(runsBefore + 1, runs.Count);
        Assert.Equal((true, "2 courriels envoyés, 1 en attente"), (runs[^1].Succeeded, runs[^1].Summary));
        var folder = app.Factory.Services.GetRequiredService<PickupFolder>().Path;
        Assert.All(good, m => Assert.True(File.Exists(Path.Combine(folder, $"{m.Id:N}.eml"))));
        var waiting = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == bad.Id));
        Assert.Equal((1, "ParseException", (DateTime?)null), (waiting.Attempts, waiting.LastError, waiting.SentAt));
    }

    private async Task RunJobAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDeliveryJob>().RunAsync(CancellationToken.None);
    }
}
