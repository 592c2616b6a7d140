using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Api;

public static class StructuresApi
{
    public const int DefaultNearbyLimit = 20;
    public const int MaxNearbyLimit = 200;

    public static IEndpointRouteBuilder MapStructuresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/structures").CacheOutput(HttpCaching.CatalogPolicyName);
        group.MapGet("/", GetStructures).WithName("structures");
        group.MapGet("/nearby", GetNearby).WithName("structures-nearby");
        group.MapGet("/around", GetAround).WithName("structures-around");
        return app;
    }

    internal static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem>> GetStructures(
        HttpContext context, GeoReference geo, StructureCatalog catalog)
    {
        var (filter, errors) = StructureFilter.Parse(context.Request.Query, geo);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Filtre invalide");
        }
        var snapshot = await catalog.GetAsync();
        if (HttpCaching.IsNotModified(context, HttpCaching.Version(snapshot.Version, filter.ToQueryString())))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var features = snapshot.Structures.Where(filter.Matches).Select(s => new FeatureRow(s));
        return TypedResults.Bytes(WriteFeatures(features), "application/geo+json");
    }

    internal static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem>> GetNearby(
        HttpContext context, GeoReference geo, StructureCatalog catalog, string? commune, string? lat, string? lon, string? limit)
    {
        var errors = new Dictionary<string, string[]>();
        var place = QueryPlace.Read(commune, lat, lon, geo, errors);
        var count = DefaultNearbyLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxNearbyLimit))
        {
            errors["limit"] = [$"La limite doit être un nombre entier compris entre 1 et {MaxNearbyLimit}."];
        }
        if (place is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Recherche de proximité invalide");
        }

        var snapshot = await catalog.GetAsync();
        if (!place.KeepPrivate(context)
            && HttpCaching.IsNotModified(context, HttpCaching.Version(snapshot.Version, $"{place.Commune?.Code},{count}")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var nearest = snapshot.Nearest(place.Latitude, place.Longitude, count).Select(x => new FeatureRow(x.Structure, x.DistanceKm));
        return TypedResults.Bytes(WriteFeatures(nearest), "application/geo+json");
    }

    /// <summary>
    /// The help search of the map and the list: one FeatureCollection in display order, each feature tagged with
    /// its group ("local", "proche", "reseau"), plus the place searched as foreign members "commune" and "departement".
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetAround(
        HttpContext context, GeoReference geo, StructureCatalog catalog, string? commune, string? lat, string? lon)
    {
        var (filter, errors) = StructureFilter.Parse(context.Request.Query, geo);
        var place = QueryPlace.Read(commune, lat, lon, geo, errors);
        if (place is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Recherche invalide");
        }
        var snapshot = await catalog.GetAsync();
        if (!place.KeepPrivate(context)
            && HttpCaching.IsNotModified(context, HttpCaching.Version(snapshot.Version, context.Request.QueryString.Value)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var result = place.Commune is { } searched
            ? HelpSearch.ForCommune(searched.Code, snapshot, geo, filter)
            : HelpSearch.ForPosition(place.Latitude, place.Longitude, snapshot, geo, filter);
        if (result is null)
        {
            return TypedResults.Problem("Ce lieu n'est pas en France : aucune commune ni aucun département français ne s'y trouve.", statusCode: StatusCodes.Status404NotFound, title: "Lieu hors de France");
        }
        var rows = result.InDisplayOrder().Select(x => new FeatureRow(x.Structure, x.DistanceKm, x.Group));
        return TypedResults.Bytes(WriteFeatures(rows, writer =>
        {
            if (result.Commune is { } c)
            {
                writer.WriteStartObject("commune");
                writer.WriteString("code", c.Code);
                writer.WriteString("nom", c.Name);
                WriteStrings(writer, "codes_postaux", c.PostalCodes);
                writer.WriteEndObject();
            }
            writer.WriteStartObject("departement");
            writer.WriteString("code", result.Departement.Code);
            writer.WriteString("nom", result.Departement.Name);
            writer.WriteEndObject();
            writer.WriteStartArray("position");
            writer.WriteNumberValue(Math.Round(result.Longitude, 5));
            writer.WriteNumberValue(Math.Round(result.Latitude, 5));
            writer.WriteEndArray();
        }), "application/geo+json");
    }

    internal readonly record struct FeatureRow(PublicStructure Structure, double? DistanceKm = null, string? Group = null);

    internal static ReadOnlyMemory<byte> WriteFeatures(IEnumerable<FeatureRow> features, Action<Utf8JsonWriter>? foreignMembers = null)
    {
        var buffer = new ArrayBufferWriter<byte>(features.TryGetNonEnumeratedCount(out var count) ? (count + 1) * 700 : 64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            foreignMembers?.Invoke(writer);
            writer.WriteStartArray("features");
            foreach (var row in features)
            {
                WriteFeature(writer, row);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    private static void WriteFeature(Utf8JsonWriter writer, FeatureRow row)
    {
        var (s, distanceKm, group) = row;
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteNumber("id", s.Id);
        writer.WritePropertyName("geometry");
        GeoJsonWriting.WritePoint(writer, s.Latitude, s.Longitude);
        writer.WriteStartObject("properties");
        writer.WriteNumber("id", s.Id);
        writer.WriteString("nom", s.Name);
        WriteOptional(writer, "sigle", s.Acronym);
        writer.WriteString("url", s.Url);
        writer.WriteString("nature", Vocabulary.Natures.Code(s.Nature));
        WriteCodes(writer, "actions", s.Actions, Vocabulary.Actions);
        WriteCodes(writer, "publics", s.Publics, Vocabulary.Publics);
        writer.WriteString("portee", Vocabulary.Scopes.Code(s.Scope));
        WriteStrings(writer, "departements", s.DepartementCodes);
        WriteOptional(writer, "commune", s.CommuneName);
        WriteOptional(writer, "code_commune", s.CommuneCode);
        WriteOptional(writer, "adresse", s.Address);
        writer.WriteString("precision", Vocabulary.Precisions.Code(s.Precision));
        writer.WriteBoolean("confidentiel", s.IsConfidential);
        WriteStrings(writer, "telephones", s.Phones);
        WriteOptional(writer, "email", s.Email);
        WriteOptional(writer, "site_web", s.Website);
        if (distanceKm is { } d)
        {
            writer.WriteNumber("distance_km", Math.Round(d, 1));
        }
        WriteOptional(writer, "groupe", group);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }
        writer.WriteEndArray();
    }

    private static void WriteCodes<T>(Utf8JsonWriter writer, string name, IEnumerable<T> values, Terms<T> terms) where T : struct, Enum =>
        WriteStrings(writer, name, values.Select(terms.Code));
}
