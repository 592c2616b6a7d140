using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Coverage;

/// <summary>A département as the report needs it.</summary>
public sealed record CoverageArea(string Code, string Name, string RegionCode, string RegionName, long Population);

/// <summary>A commune's point and population: where the inhabitants of a département are counted.</summary>
public sealed record CoveragePlace(string DepartementCode, int Population, double Latitude, double Longitude);

/// <summary>
/// A published structure as the report needs it, at its true place, confidential or not: read from the database,
/// never from the public catalogue. <see cref="UpToDate"/> is <c>Structure.FreshnessAt(now) == AJour</c>.
/// </summary>
public sealed record CoverageStructure(
    int Id,
    Scope Scope,
    IReadOnlyCollection<string> DepartementCodes,
    IReadOnlyCollection<StructureAction> Actions,
    double? Latitude,
    double? Longitude,
    bool UpToDate)
{
    public bool IsLocal => PublicStructure.IsLocalScope(Scope);

    public bool Serves(string departementCode) => Scope == Scope.Nationale || DepartementCodes.Contains(departementCode);

    public bool OffersAccess => Actions.Any(CoverageMethod.AccessActions.Contains);
}

/// <summary>
/// Computes the figures of a snapshot in memory. The share within the radius queries, for each commune, an STRtree
/// of the access points serving its département in a box that holds the radius, then measures great-circle
/// distances to those few candidates only, stopping at the first one within the radius.
/// </summary>
public static class CoverageCalculator
{
    private const double KmPerDegree = GreatCircle.EarthRadiusKm * Math.PI / 180;

    public static CoverageSnapshot Compute(
        IReadOnlyList<CoverageArea> areas,
        IReadOnlyList<CoveragePlace> places,
        IReadOnlyList<CoverageStructure> structures,
        double radiusKm,
        DateTime computedAt)
    {
        var placesByDepartement = places.GroupBy(p => p.DepartementCode).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var national = structures.Where(s => s.Scope == Scope.Nationale).ToList();
        var servingByDepartement = new Dictionary<string, List<CoverageStructure>>(StringComparer.Ordinal);
        foreach (var s in structures.Where(s => s.Scope != Scope.Nationale))
        {
            foreach (var code in s.DepartementCodes.Distinct(StringComparer.Ordinal))
            {
                if (!servingByDepartement.TryGetValue(code, out var list))
                {
                    servingByDepartement[code] = list = [];
                }
                list.Add(s);
            }
        }

        var departements = areas
            .OrderBy(a => a.Code, StringComparer.Ordinal)
            .Select(area => ComputeDepartement(area, servingByDepartement.GetValueOrDefault(area.Code) ?? [], national,
                placesByDepartement.GetValueOrDefault(area.Code) ?? [], radiusKm))
            .ToList();
        var regions = ComputeRegions(departements, servingByDepartement);
        return new CoverageSnapshot
        {
            ComputedAt = computedAt,
            MethodVersion = CoverageMethod.Version,
            RadiusKm = radiusKm,
            PublishedStructures = structures.Count,
            Departements = departements,
            Regions = regions,
        };
    }

    private static DepartementCoverage ComputeDepartement(
        CoverageArea area, List<CoverageStructure> serving, List<CoverageStructure> national, List<CoveragePlace> places, double radiusKm)
    {
        var local = serving.Where(s => s.IsLocal).ToList();
        var regional = serving.Count(s => s.Scope == Scope.Regionale);
        var byAction = Vocabulary.Actions.All.ToDictionary(t => t.Code, _ => 0, StringComparer.Ordinal);
        foreach (var s in serving.Concat(national))
        {
            foreach (var action in s.Actions.Distinct())
            {
                byAction[Vocabulary.Actions.Code(action)]++;
            }
        }
        var localActions = local.SelectMany(s => s.Actions).ToHashSet();
        var missing = CoverageMethod.KeyActions.Where(a => !localActions.Contains(a)).Select(Vocabulary.Actions.Code).ToList();
        var access = local.Where(s => s.OffersAccess).ToList();
        var (communesPopulation, covered) = PopulationWithin(places, access.Where(s => s.Latitude is not null && s.Longitude is not null).ToList(), radiusKm);

        var share = communesPopulation == 0 ? 0 : CoverageMethod.Round((double)covered / communesPopulation, CoverageMethod.ShareDecimals);
        var density = area.Population == 0 ? 0 : CoverageMethod.Round(local.Count * 100_000.0 / area.Population, CoverageMethod.DensityDecimals);
        double? upToDate = local.Count == 0 ? null : CoverageMethod.Round((double)local.Count(s => s.UpToDate) / local.Count, CoverageMethod.ShareDecimals);
        var score = CoverageMethod.Score(share, missing.Count, density, upToDate);
        return new DepartementCoverage
        {
            Code = area.Code,
            Name = area.Name,
            RegionCode = area.RegionCode,
            RegionName = area.RegionName,
            Population = area.Population,
            LocalStructures = local.Count,
            RegionalStructures = regional,
            NationalStructures = national.Count,
            ByAction = byAction,
            LocalPer100000 = density,
            ShareWithinRadius = share,
            CommunesPopulation = communesPopulation,
            PopulationWithinRadius = covered,
            LocalWithoutPoint = access.Count(s => s.Latitude is null || s.Longitude is null),
            ShareUpToDate = upToDate,
            MissingActions = missing,
            Score = score,
            Class = CoverageMethod.Classify(local.Count, score),
        };
    }

    /// <summary>The population of the places, and of those within the radius of one of the points.</summary>
    internal static (long Total, long Within) PopulationWithin(IReadOnlyList<CoveragePlace> places, IReadOnlyList<CoverageStructure> points, double radiusKm)
    {
        long total = 0, within = 0;
        foreach (var p in places)
        {
            total += p.Population;
        }
        if (points.Count == 0 || total == 0)
        {
            return (total, 0);
        }
        var tree = new STRtree<CoverageStructure>();
        foreach (var s in points)
        {
            tree.Insert(new Envelope(s.Longitude!.Value, s.Longitude.Value, s.Latitude!.Value, s.Latitude.Value), s);
        }
        tree.Build();
        foreach (var place in places)
        {
            // A small box first: where access points are dense, one of its few candidates is within the radius; the
            // whole box, with its hundreds of candidates in a city, is searched only when the small one finds none.
            if (place.Population > 0 && (AnyWithin(tree, place, radiusKm / NearFirstRatio, radiusKm) || AnyWithin(tree, place, radiusKm, radiusKm)))
            {
                within += place.Population;
            }
        }
        return (total, within);
    }

    private const double NearFirstRatio = 6;

    private static bool AnyWithin(STRtree<CoverageStructure> tree, CoveragePlace place, double boxKm, double radiusKm)
    {
        foreach (var candidate in tree.Query(BoxAround(place.Latitude, place.Longitude, boxKm)))
        {
            if (GreatCircle.DistanceKm(place.Latitude, place.Longitude, candidate.Latitude!.Value, candidate.Longitude!.Value) <= radiusKm)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A lon/lat box holding every point within the radius (a little more: it is only a pre-filter).</summary>
    private static Envelope BoxAround(double lat, double lon, double radiusKm)
    {
        var dLat = radiusKm / KmPerDegree;
        var maxAbsLat = Math.Min(89.9, Math.Abs(lat) + dLat);
        var dLon = Math.Min(180, dLat / Math.Cos(maxAbsLat * Math.PI / 180));
        return new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
    }

    private static List<RegionCoverage> ComputeRegions(List<DepartementCoverage> departements, Dictionary<string, List<CoverageStructure>> servingByDepartement) =>
        [.. departements
            .GroupBy(d => d.RegionCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var local = g.SelectMany(d => servingByDepartement.GetValueOrDefault(d.Code) ?? []).Where(s => s.IsLocal).DistinctBy(s => s.Id).ToList();
                var population = g.Sum(d => d.Population);
                var communes = g.Sum(d => d.CommunesPopulation);
                var within = g.Sum(d => d.PopulationWithinRadius);
                return new RegionCoverage
                {
                    Code = g.Key,
                    Name = g.First().RegionName,
                    DepartementCount = g.Count(),
                    Population = population,
                    LocalStructures = local.Count,
                    CommunesPopulation = communes,
                    PopulationWithinRadius = within,
                    ShareWithinRadius = communes == 0 ? 0 : CoverageMethod.Round((double)within / communes, CoverageMethod.ShareDecimals),
                    ShareUpToDate = local.Count == 0 ? null : CoverageMethod.Round((double)local.Count(s => s.UpToDate) / local.Count, CoverageMethod.ShareDecimals),
                    Score = population == 0
                        ? (int)Math.Round(g.Average(d => d.Score), MidpointRounding.AwayFromZero)
                        : (int)Math.Round(g.Sum(d => (double)d.Score * d.Population) / population, MidpointRounding.AwayFromZero),
                };
            })];
}
