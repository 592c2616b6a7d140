using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Data;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Api;

/// <summary>
/// The latest coverage report as files, for the DGCS and the coordination only (401 anonymous, 403 otherwise):
/// read from the database at each request, never cached anywhere.
/// </summary>
public static class CoverageReportsApi
{
    public const string CsvRoute = "/api/rapports/couverture/latest.csv";

    public const string GeoJsonRoute = "/api/rapports/couverture/latest.geojson";

    public static IEndpointRouteBuilder MapCoverageReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(CsvRoute, GetCsvAsync).RequireAuthorization(Roles.Dgcs).WithName("couverture-csv");
        app.MapGet(GeoJsonRoute, GetGeoJsonAsync).RequireAuthorization(Roles.Dgcs).WithName("couverture-geojson");
        return app;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCsvAsync(HttpContext context, PareDbContext db, CancellationToken ct)
    {
        NeverCache(context);
        if (await CoverageReports.LatestAsync(db, ct) is not { } snapshot)
        {
            return NoSnapshot();
        }
        return TypedResults.File(await CoverageExport.CsvAsync(snapshot, ct), "text/csv; charset=utf-8", CoverageExport.FileName(snapshot, "csv"));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetGeoJsonAsync(HttpContext context, PareDbContext db, GeoReference geo, CancellationToken ct)
    {
        NeverCache(context);
        if (await CoverageReports.LatestAsync(db, ct) is not { } snapshot)
        {
            return NoSnapshot();
        }
        return TypedResults.File(CoverageExport.GeoJson(snapshot, geo).ToArray(), "application/geo+json", CoverageExport.FileName(snapshot, "geojson"));
    }

    private static void NeverCache(HttpContext context)
    {
        context.Response.Headers.CacheControl = "private, no-store";
        if (context.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            outputCache.Context.AllowCacheStorage = false;
        }
    }

    private static ProblemHttpResult NoSnapshot() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Aucun rapport de couverture",
            detail: "Aucun instantané de couverture n'a encore été calculé.");
}
