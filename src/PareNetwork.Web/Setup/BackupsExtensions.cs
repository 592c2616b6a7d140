using PareNetwork.Web.Backups;
using PareNetwork.Web.Jobs;

namespace PareNetwork.Web.Setup;

public static class BackupsExtensions
{
    /// <summary>The nightly backup (<see cref="BackupJob"/>), into <c>Pare:Backups:Folder</c> (default: the data folder's backups/).</summary>
    public static WebApplicationBuilder AddBackups(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var data = PersistenceExtensions.DataFolder(builder);
        var folder = string.IsNullOrWhiteSpace(options.Folder) ? "backups" : options.Folder;
        builder.Services.AddSingleton(new BackupSources(
            data,
            Path.IsPathRooted(jobs.Storage) ? jobs.Storage : Path.Combine(data, jobs.Storage),
            Path.IsPathRooted(folder) ? folder : Path.Combine(data, folder),
            options.Keep));
        builder.Services.AddScoped<BackupJob>();
        return builder;
    }
}
