using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Api;

public static class CommunesApi
{
    public sealed record CommuneResult(string Code, string Nom, IReadOnlyList<string> CodesPostaux, string Departement, double? Latitude, double? Longitude);

    public static IEndpointRouteBuilder MapCommunesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/communes/search", Search)
            .CacheOutput(policy => policy.SetVaryByQuery("q").SetVaryByHeader(HeaderNames.AcceptEncoding).Expire(TimeSpan.FromHours(1)))
            .WithName("communes-search");
        return app;
    }

    internal static Results<Ok<IEnumerable<CommuneResult>>, ValidationProblem> Search(string? q, GeoReference geo, HttpContext context)
    {
        if (q is { Length: > 100 })
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["q"] = ["La recherche est limitée à 100 caractères."] },
                title: "Recherche invalide");
        }
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok(geo.SearchCommunes(q, 10)
            .Select(c => new CommuneResult(c.Code, c.Name, c.PostalCodes, c.DepartementCode, c.Latitude, c.Longitude)));
    }
}
