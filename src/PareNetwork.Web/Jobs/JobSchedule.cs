using Hangfire;

namespace PareNetwork.Web.Jobs;

/// <summary>
/// Every recurring job, registered in this one place with an explicit id and a default cron (Europe/Paris time);
/// <c>Pare:Jobs:Cron:&lt;id&gt;</c> overrides the cron.
/// </summary>
public static class JobSchedule
{
    /// <summary>The recurring jobs: id, default cron, and how to start it.</summary>
    public static IReadOnlyList<RecurringJobEntry> Entries { get; } =
    [
        RecurringJobEntry.For<Mail.OutboxDeliveryJob>(Mail.OutboxDeliveryJob.Id, "Envoi des courriels", "* * * * *"),
        RecurringJobEntry.For<Backups.BackupJob>(Backups.BackupJob.Id, "Sauvegarde de la base, des clés et des fichiers", "15 2 * * *"),
        RecurringJobEntry.For<Retention.RetentionJob>(Retention.RetentionJob.Id, "Conservation des données personnelles (RGPD)", "45 3 * * *"),
        RecurringJobEntry.For<Freshness.FreshnessReminderJob>(Freshness.FreshnessReminderJob.Id, "Rappels de confirmation des fiches", "30 6 * * *"),
        RecurringJobEntry.For<Freshness.FreshnessDigestJob>(Freshness.FreshnessDigestJob.Id, "Synthèse hebdomadaire de fraîcheur pour la coordination", "0 7 * * 1"),
        RecurringJobEntry.For<Coverage.CoverageJob>(Coverage.CoverageJob.Id, Coverage.CoverageJob.Label, Coverage.CoverageJob.DefaultCron),
    ];

    public static void Register(IRecurringJobManager manager, JobsOptions options)
    {
        foreach (var entry in Entries)
        {
            var cron = options.Cron.TryGetValue(entry.Id, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured : entry.DefaultCron;
            entry.Register(manager, cron, new RecurringJobOptions { TimeZone = Pages.Shared.Display.Paris });
        }
    }
}

/// <summary>One recurring job. <see cref="Label"/> is what the coordination reads in the list of runs.</summary>
public sealed record RecurringJobEntry(string Id, string Label, string DefaultCron, Action<IRecurringJobManager, string, RecurringJobOptions> Register)
{
    /// <summary>A job class with <c>RunAsync(CancellationToken)</c>; Hangfire resolves it from the container.</summary>
    public static RecurringJobEntry For<TJob>(string id, string label, string defaultCron) where TJob : IRecurringJob =>
        new(id, label, defaultCron, (manager, cron, options) =>
            manager.AddOrUpdate<TJob>(id, job => job.RunAsync(CancellationToken.None), cron, options));
}

/// <summary>A recurring job: idempotent (a second run right after the first changes nothing and sends nothing).</summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken ct);
}
