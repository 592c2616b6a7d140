using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Api;

public static class DepartementsApi
{
    /// <summary>Coordinates of the display boundaries keep 3 decimals (about 100 m): below the simplification tolerance.</summary>
    private const int DisplayDecimals = 3;

    public static IEndpointRouteBuilder MapDepartementsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/departements", GetDepartements)
            .CacheOutput(HttpCaching.CatalogPolicyName)
            .WithName("departements");
        return app;
    }

    internal static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> GetDepartements(
        HttpContext context, GeoReference geo, StructureCatalog catalog)
    {
        var snapshot = await catalog.GetAsync();
        if (HttpCaching.IsNotModified(context, HttpCaching.Version(snapshot.Version, geo.Version)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(Write(geo, snapshot), "application/geo+json");
    }

    internal static ReadOnlyMemory<byte> Write(GeoReference geo, CatalogSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            // Stated once: the national structures serve every département alike.
            writer.WriteNumber("structures_nationales", snapshot.NationalCount);
            writer.WriteStartArray("features");
            foreach (var d in geo.Departements)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "Feature");
                writer.WriteString("id", d.Code);
                writer.WritePropertyName("geometry");
                GeoJsonWriting.WriteGeometry(writer, d.DisplayBoundary, DisplayDecimals);
                writer.WriteStartObject("properties");
                writer.WriteString("code", d.Code);
                writer.WriteString("nom", d.Name);
                writer.WriteString("region", d.RegionName);
                writer.WriteString("code_region", d.RegionCode);
                writer.WriteNumber("population", d.Population);
                var coverage = snapshot.CoverageOf(d.Code);
                writer.WriteNumber("structures", coverage.Total);
                writer.WriteNumber("structures_locales", coverage.Local);
                writer.WriteNumber("structures_regionales", coverage.Regional);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
