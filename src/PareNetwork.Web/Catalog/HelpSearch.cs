using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Catalog;

/// <summary>
/// "Who can help near here?": the structures serving the place's département, local ones first by
/// great-circle distance; then local structures of neighbouring départements close by; then the régional
/// and national ones serving the département.
/// </summary>
public sealed record HelpSearch(
    CommuneInfo? Commune,
    DepartementInfo Departement,
    double Latitude,
    double Longitude,
    IReadOnlyList<(PublicStructure Structure, double? DistanceKm)> Local,
    IReadOnlyList<(PublicStructure Structure, double DistanceKm)> Nearby,
    IReadOnlyList<PublicStructure> Wider)
{
    public const double NearbyRadiusKm = 100;
    public const int NearbyLimit = 10;

    /// <summary>Group names, as the API and the pages show them.</summary>
    public const string LocalGroup = "local", NearbyGroup = "proche", WiderGroup = "reseau";

    public IEnumerable<(PublicStructure Structure, double? DistanceKm, string Group)> InDisplayOrder() =>
        Local.Select(x => (x.Structure, x.DistanceKm, LocalGroup))
            .Concat(Nearby.Select(x => (x.Structure, (double?)x.DistanceKm, NearbyGroup)))
            .Concat(Wider.Select(s => (s, (double?)null, WiderGroup)));

    public static HelpSearch? ForCommune(string communeCode, CatalogSnapshot snapshot, GeoReference geo, StructureFilter filter)
    {
        if (geo.CommunesByCode.GetValueOrDefault(communeCode) is not { Latitude: { } lat, Longitude: { } lon } commune)
        {
            return null;
        }
        return Build(commune, geo.DepartementsByCode[commune.DepartementCode], lat, lon, snapshot, filter);
    }

    /// <summary>A point off the coast (or just across a border) still counts within this distance of a commune.</summary>
    public const double MaxOffshoreKm = 20;

    /// <summary>Searches around a position; null when the position is not in France (nor close to a French commune).</summary>
    public static HelpSearch? ForPosition(double latitude, double longitude, CatalogSnapshot snapshot, GeoReference geo, StructureFilter filter)
    {
        var (commune, distanceKm) = geo.NearestCommunes(latitude, longitude, 1)[0];
        var departement = geo.DepartementAt(latitude, longitude)
            ?? (distanceKm <= MaxOffshoreKm ? geo.DepartementsByCode[commune.DepartementCode] : null);
        return departement is null ? null : Build(commune, departement, latitude, longitude, snapshot, filter);
    }

    private static HelpSearch Build(CommuneInfo? commune, DepartementInfo departement, double lat, double lon, CatalogSnapshot snapshot, StructureFilter filter)
    {
        var candidates = snapshot.Structures.Where(filter.Matches).ToList();
        var serving = candidates.Where(s => s.Serves(departement.Code)).ToList();

        var local = serving.Where(s => s.IsLocal)
            .Select(s => (Structure: s, DistanceKm: s.HasPoint ? GreatCircle.DistanceKm(lat, lon, s.Latitude!.Value, s.Longitude!.Value) : (double?)null))
            .OrderBy(x => x.DistanceKm is null)
            .ThenBy(x => x.DistanceKm)
            .ThenBy(x => x.Structure.Name, PublicStructure.NameOrder)
            .ToList();

        var nearby = candidates.Where(s => s.IsLocal && s.HasPoint && !s.Serves(departement.Code))
            .Select(s => (Structure: s, DistanceKm: GreatCircle.DistanceKm(lat, lon, s.Latitude!.Value, s.Longitude!.Value)))
            .Where(x => x.DistanceKm <= NearbyRadiusKm)
            .OrderBy(x => x.DistanceKm)
            .Take(NearbyLimit)
            .ToList();

        var wider = serving.Where(s => !s.IsLocal)
            .OrderBy(s => s.Scope == Scope.Nationale)
            .ThenBy(s => s.Name, PublicStructure.NameOrder)
            .ToList();

        return new HelpSearch(commune, departement, lat, lon, local, nearby, wider);
    }
}
