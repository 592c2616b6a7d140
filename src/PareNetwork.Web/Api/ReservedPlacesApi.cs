using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Api;

/// <summary>
/// The real places of the published confidential structures, for the DGCS and the coordination only: read from the
/// database at each request, never from the public catalogue, never cached anywhere.
/// </summary>
public static class ReservedPlacesApi
{
    public const string Route = "/api/structures/confidentielles";

    public static IEndpointRouteBuilder MapReservedPlacesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, GetAsync).RequireAuthorization(Roles.Dgcs).WithName("structures-confidentielles");
        return app;
    }

    internal static async Task<IResult> GetAsync(HttpContext context, PareDbContext db, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "private, no-store";
        if (context.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            outputCache.Context.AllowCacheStorage = false;
        }
        var shelters = await db.Structures.AsNoTracking()
            .Where(s => s.Status == StructureStatus.Publiee && s.AddressVisibility == AddressVisibility.Confidentielle && s.Location != null)
            .Select(s => new { s.Id, s.Name, s.Address, s.Location, s.LocationPrecision, Commune = s.Commune == null ? null : s.Commune.Name })
            .ToListAsync(ct);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var s in shelters.OrderBy(s => s.Name, PublicStructure.NameOrder))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "Feature");
                writer.WriteNumber("id", s.Id);
                writer.WritePropertyName("geometry");
                GeoJsonWriting.WritePoint(writer, s.Location!.Y, s.Location.X);
                writer.WriteStartObject("properties");
                writer.WriteNumber("id", s.Id);
                writer.WriteString("nom", s.Name);
                writer.WriteString("url", $"/structures/{s.Id}/{Structure.Slugify(s.Name)}");
                if (s.Commune is { } commune)
                {
                    writer.WriteString("commune", commune);
                }
                if (s.Address is { } address)
                {
                    writer.WriteString("adresse", address);
                }
                writer.WriteString("precision", Vocabulary.Precisions.Code(s.LocationPrecision));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return TypedResults.Bytes(buffer.WrittenMemory, "application/geo+json");
    }
}
