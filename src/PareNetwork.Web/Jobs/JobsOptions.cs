namespace PareNetwork.Web.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Pare:Jobs";

    /// <summary>Hangfire's SQLite file; relative paths are under the app's data folder.</summary>
    public string Storage { get; set; } = "hangfire.db";

    /// <summary>Runs the Hangfire server in this process (tests turn it off and call jobs directly).</summary>
    public bool Server { get; set; } = true;

    /// <summary>Few workers: SQLite job storages are prone to « database is locked » under many.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>
    /// How often the server looks for due scheduled jobs and the storage for queued ones, in seconds (Hangfire's
    /// default is 15; a restart test lowers it so as not to wait).
    /// </summary>
    public int PollingIntervalSeconds { get; set; } = 15;

    /// <summary>Cron expressions by job id (Europe/Paris time), overriding <see cref="JobSchedule"/>'s defaults.</summary>
    public Dictionary<string, string> Cron { get; set; } = [];
}
