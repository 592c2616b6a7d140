using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Data.Seeding;
using PareNetwork.Web.History;

namespace PareNetwork.Web.Setup;

public static partial class PersistenceExtensions
{
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Pare")
            ?? throw new InvalidOperationException("ConnectionStrings:Pare is not configured.");
        connectionString = ResolveSqlitePath(connectionString, builder.Environment.ContentRootPath);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStructureHistory();
        builder.Services.AddDbContext<PareDbContext>((services, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(services.GetRequiredService<StructureHistoryInterceptor>(), services.GetRequiredService<Mail.OutboxInterceptor>()));
        builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.AddScoped<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddDbContextCheck<PareDbContext>("database");
        return builder;
    }

    /// <summary>Migrates and seeds before the app takes requests; a bad seed file stops the start with its message.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            // Abandoned import previews hold real addresses: they do not outlive their day.
            Transfers.ImportUploads.For(scope.ServiceProvider.GetRequiredService<PareDbContext>()).DeleteExpired();
        }
        catch (SeedDataException ex)
        {
            LogInvalidSeed(app.Logger, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Seed data rejected, nothing was written: {Problem}")]
    private static partial void LogInvalidSeed(ILogger logger, string problem);

    /// <summary>
    /// The app's data folder: the folder of the SQLite database (App_Data/ by default). The Data Protection keys and
    /// the e-mail pickup folder live there too, so that a backup of it holds everything a restart needs.
    /// </summary>
    public static string DataFolder(WebApplicationBuilder builder)
    {
        var connectionString = ResolveSqlitePath(builder.Configuration.GetConnectionString("Pare") ?? "", builder.Environment.ContentRootPath);
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return Path.IsPathRooted(source) ? Path.GetDirectoryName(source)! : Path.Combine(builder.Environment.ContentRootPath, "App_Data");
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder created.</summary>
    private static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(source) ? source : Path.Combine(contentRoot, source);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }
}
