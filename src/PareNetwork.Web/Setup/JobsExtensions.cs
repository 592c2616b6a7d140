using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Jobs;

namespace PareNetwork.Web.Setup;

public static class JobsExtensions
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>
    /// Hangfire on its own SQLite file beside the app database, so that queued and scheduled jobs survive a restart.
    /// Job results live in the app database (<see cref="JobRun"/>), never only in Hangfire.
    /// </summary>
    /// <summary>
    /// Hangfire's log provider is process-wide: one bound to an app's logger factory breaks every app started after that
    /// one stopped (the tests start many). Warnings and errors go to the console, whatever the app.
    /// </summary>
    private static readonly Hangfire.Logging.ILogProvider HangfireLog = new Hangfire.Logging.LogProviders.ColouredConsoleLogProvider(Hangfire.Logging.LogLevel.Warn);

    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(JobsOptions.Section);
        builder.Services.Configure<JobsOptions>(section);
        var options = section.Get<JobsOptions>() ?? new JobsOptions();
        var storage = Path.IsPathRooted(options.Storage) ? options.Storage : Path.Combine(PersistenceExtensions.DataFolder(builder), options.Storage);
        Directory.CreateDirectory(Path.GetDirectoryName(storage)!);

        var polling = TimeSpan.FromSeconds(Math.Max(1, options.PollingIntervalSeconds));
        // This app's own storage and activator, not Hangfire's process-wide JobStorage.Current and JobActivator.Current:
        // two apps in one process (the tests) would otherwise queue into, and resolve jobs from, each other.
        builder.Services.AddSingleton<JobStorage>(_ => new SQLiteStorage(storage, new SQLiteStorageOptions { QueuePollInterval = polling }));
        builder.Services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((services, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLog)
            .UseStorage(services.GetRequiredService<JobStorage>()));
        if (options.Server)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.WorkerCount = Math.Max(1, options.Workers);
                server.SchedulePollingInterval = polling;
            });
        }
        builder.Services.AddSingleton<JobRecorder>();
        return builder;
    }

    /// <summary>Registers the recurring jobs (<see cref="JobSchedule"/>) and maps the dashboard, Coordination only.</summary>
    public static WebApplication MapJobs(this WebApplication app)
    {
        JobSchedule.Register(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<IOptions<JobsOptions>>().Value);
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new CoordinationDashboardFilter()],
            DashboardTitle = "Tâches de fond — PareNetwork",
            AppPath = "/admin",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Accounts.Roles.Coordination);
        return app;
    }
}
