using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Setup;

public static class CoverageExtensions
{
    public static WebApplicationBuilder AddCoverage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CoverageOptions>()
            .Bind(builder.Configuration.GetSection(CoverageOptions.Section))
            .Validate(o => o.RadiusKm is > 0 and <= 500, "Pare:Coverage:RadiusKm doit être un nombre de kilomètres entre 0 et 500.")
            .ValidateOnStart();
        builder.Services.AddScoped<CoverageJob>();
        return builder;
    }

    /// <summary>
    /// A fresh install computes its first coverage report before taking requests, so that /rapports is never empty.
    /// Only a fresh install pays for it (a few hundred milliseconds, mostly EF Core's first queries and first save); later starts read whether a snapshot exists, nothing more.
    /// </summary>
    public static async Task InitializeCoverageAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        if (!await db.CoverageSnapshots.AnyAsync())
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<CoverageJob>().RunFirstAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                // The public site and its emergency numbers start anyway; the weekly job (or « Calculer ») tries again.
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PareNetwork.Coverage")
                    .LogError("The first coverage report could not be computed at start-up ({Error}).", ex.GetType().Name);
            }
        }
    }
}
