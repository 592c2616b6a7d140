using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace PareNetwork.Web.Geo;

/// <summary>Great-circle (haversine) distances on a spherical Earth, in kilometres.</summary>
public static class GreatCircle
{
    public const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLon = ToRadians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) +
                Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;

    private const double KmPerDegree = EarthRadiusKm * Math.PI / 180;

    /// <summary>
    /// The k items nearest to a point by great-circle distance, from an STRtree of point items.
    /// Searches a lon/lat box that surely holds every item within a radius, doubling the radius until
    /// k items lie within it: exact, since anything outside the box is farther than the radius.
    /// </summary>
    public static IReadOnlyList<(T Item, double DistanceKm)> Nearest<T>(STRtree<T> tree, double lat, double lon, int k, Func<T, (double Lat, double Lon)> position)
        where T : class
    {
        if (k <= 0 || tree.Count == 0)
        {
            return [];
        }
        for (var radiusKm = 25.0; ; radiusKm *= 2)
        {
            var box = BoxAround(lat, lon, radiusKm);
            var withinRadius = tree.Query(box)
                .Select(item => { var (iLat, iLon) = position(item); return (Item: item, DistanceKm: DistanceKm(lat, lon, iLat, iLon)); })
                .Where(x => x.DistanceKm <= radiusKm)
                .ToList();
            if (withinRadius.Count >= k || radiusKm > Math.PI * EarthRadiusKm)
            {
                return [.. withinRadius.OrderBy(x => x.DistanceKm).Take(k)];
            }
        }
    }

    private static Envelope BoxAround(double lat, double lon, double radiusKm)
    {
        var dLat = radiusKm / KmPerDegree;
        var maxAbsLat = Math.Abs(lat) + dLat;
        if (maxAbsLat >= 89.9)
        {
            return new Envelope(-180, 180, Math.Max(-90, lat - dLat), Math.Min(90, lat + dLat));
        }
        var dLon = Math.Min(180, dLat / Math.Cos(ToRadians(maxAbsLat)));
        return new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
    }
}
