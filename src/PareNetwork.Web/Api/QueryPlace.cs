using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Api;

/// <summary>The place of a proximity query: a commune (INSEE code) or a position (lat, lon), validated with French messages.</summary>
internal sealed record QueryPlace(double Latitude, double Longitude, CommuneInfo? Commune)
{
    public static QueryPlace? Read(string? commune, string? lat, string? lon, GeoReference geo, Dictionary<string, string[]> errors)
    {
        if (!string.IsNullOrWhiteSpace(commune))
        {
            if (geo.CommunesByCode.GetValueOrDefault(commune.Trim().ToUpperInvariant()) is { Latitude: { } cLat, Longitude: { } cLon } found)
            {
                return new QueryPlace(cLat, cLon, found);
            }
            errors["commune"] = ["Commune inconnue ou sans position : indiquez son code INSEE (5 caractères, par exemple 68224)."];
            return null;
        }
        if (lat is null && lon is null)
        {
            errors["commune"] = ["Indiquez une commune (code INSEE) ou une position (lat et lon)."];
            return null;
        }
        if (!TryCoordinate(lat, 90, out var latitude))
        {
            errors["lat"] = ["Latitude invalide : un nombre décimal entre -90 et 90, avec un point (par exemple 47.75)."];
        }
        if (!TryCoordinate(lon, 180, out var longitude))
        {
            errors["lon"] = ["Longitude invalide : un nombre décimal entre -180 et 180, avec un point (par exemple 7.34)."];
        }
        return errors.ContainsKey("lat") || errors.ContainsKey("lon") ? null : new QueryPlace(latitude, longitude, null);
    }

    /// <summary>
    /// A searcher's own position is personal data: its answers are neither cached (browser, proxies, output cache)
    /// nor given an ETag. Returns whether the answer was made private.
    /// </summary>
    public bool KeepPrivate(HttpContext context)
    {
        if (Commune is not null)
        {
            return false;
        }
        context.Response.Headers.CacheControl = "private, no-store";
        if (context.Features.Get<IOutputCacheFeature>() is { } outputCache)
        {
            outputCache.Context.AllowCacheStorage = false;
        }
        return true;
    }

    private static bool TryCoordinate(string? text, double bound, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && value >= -bound && value <= bound;
}
