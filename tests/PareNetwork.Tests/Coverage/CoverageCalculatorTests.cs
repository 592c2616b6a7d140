using PareNetwork.Web.Coverage;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Tests.Coverage;

/// <summary>Small constructed cases whose figures are worked out by hand.</summary>
public sealed class CoverageCalculatorTests
{
    private const double Lat = 45.0;
    private const double Lon = 3.0;
    private static readonly DateTime Now = new(2026, 12, 7, 5, 0, 0, DateTimeKind.Utc);

    /// <summary>A point <paramref name="km"/> north of (Lat, Lon): along a meridian the great-circle distance is R × Δφ.</summary>
    private static (double Lat, double Lon) North(double km) => (Lat + km / GreatCircle.EarthRadiusKm * 180 / Math.PI, Lon);

    private static CoveragePlace Place(string departement, int population, double km)
    {
        var (lat, lon) = North(km);
        return new CoveragePlace(departement, population, lat, lon);
    }

    private static int _ids;

    private static CoverageStructure Structure(Scope scope, string[] departements, StructureAction[] actions, (double Lat, double Lon)? point = null, bool upToDate = false) =>
        new(Interlocked.Increment(ref _ids), scope, departements, actions, point?.Lat, point?.Lon, upToDate);

    private static readonly CoverageArea AreaA = new("A1", "Alpha", "R1", "Région Un", 10_000);
    private static readonly CoverageArea AreaB = new("B1", "Bêta", "R1", "Région Un", 20_000);
    private static readonly CoverageArea AreaC = new("C1", "Gamma", "R2", "Région Deux", 50_000);

    private static CoverageSnapshot Compute(IReadOnlyList<CoverageArea> areas, IReadOnlyList<CoveragePlace> places, params CoverageStructure[] structures) =>
        CoverageCalculator.Compute(areas, places, structures, 30, Now);

    [Fact]
    public void The_points_of_the_constructed_communes_are_at_the_distances_they_claim()
    {
        foreach (var km in new[] { 10.0, 29.0, 31.0 })
        {
            var (lat, lon) = North(km);
            Assert.Equal(km, GreatCircle.DistanceKm(Lat, Lon, lat, lon), 6);
        }
    }

    [Fact]
    public void Communes_at_10_and_29_km_are_within_30_km_and_the_one_at_31_km_is_not()
    {
        // Populations 1,000 at 10 km, 2,000 at 29 km, 4,000 at 31 km: (1,000 + 2,000) / 7,000 = 0.428571… → 0.4286.
        var places = new[] { Place("A1", 1_000, 10), Place("A1", 2_000, 29), Place("A1", 4_000, 31) };
        var shelter = Structure(Scope.Locale, ["A1"], [StructureAction.EcouteOrientation], (Lat, Lon), upToDate: true);

        var a = Compute([AreaA], places, shelter).Departements.Single();

        Assert.Equal(7_000, a.CommunesPopulation);
        Assert.Equal(3_000, a.PopulationWithinRadius);
        Assert.Equal(0.4286, a.ShareWithinRadius);
        Assert.Equal(0, a.LocalWithoutPoint);
        // 1 local structure for 10,000 inhabitants = 10 per 100,000.
        Assert.Equal(10, a.LocalPer100000);
        Assert.Equal(1, a.ShareUpToDate);
        Assert.Equal(["prevention", "reperage", "accompagnement-educatif", "hebergement", "formation", "soutien-parents"], a.MissingActions);
        // 100 × (0.40 × (1 − 0.4286) + 0.25 × 6/7 + 0.20 × 0 + 0.15 × 0) = 22.856 + 21.429 = 44.28 → 44, « partiel ».
        Assert.Equal(44, a.Score);
        Assert.Equal(CoverageClass.Partiel, a.Class);
    }

    [Fact]
    public void A_larger_radius_reaches_the_commune_at_31_km()
    {
        var places = new[] { Place("A1", 1_000, 10), Place("A1", 2_000, 29), Place("A1", 4_000, 31) };
        var shelter = Structure(Scope.Locale, ["A1"], [StructureAction.Hebergement], (Lat, Lon));

        var a = CoverageCalculator.Compute([AreaA], places, [shelter], 35, Now).Departements.Single();

        Assert.Equal(7_000, a.PopulationWithinRadius);
        Assert.Equal(1, a.ShareWithinRadius);
    }

    [Fact]
    public void Only_located_local_structures_with_an_access_action_serving_the_departement_reach_its_communes()
    {
        var places = new[] { Place("A1", 1_000, 10), Place("A1", 3_000, 20) };
        var structures = new[]
        {
            // Located, but prevention and training only: no access action.
            Structure(Scope.Locale, ["A1"], [StructureAction.Prevention, StructureAction.Formation], (Lat, Lon)),
            // An access action, but no point: left out, and counted as such.
            Structure(Scope.Departementale, ["A1"], [StructureAction.Soins]),
            // Located at the same place with an access action, but serving another département.
            Structure(Scope.Locale, ["B1"], [StructureAction.EcouteOrientation], (Lat, Lon)),
            // Régional and national structures never make a place covered.
            Structure(Scope.Regionale, ["A1", "B1"], [StructureAction.Hebergement], (Lat, Lon)),
            Structure(Scope.Nationale, [], [StructureAction.EcouteOrientation], (Lat, Lon)),
        };

        var a = Compute([AreaA, AreaB], places, structures).Departements.Single(d => d.Code == "A1");

        Assert.Equal(0, a.PopulationWithinRadius);
        Assert.Equal(0, a.ShareWithinRadius);
        Assert.Equal(1, a.LocalWithoutPoint);
        Assert.Equal(2, a.LocalStructures);
    }

    [Fact]
    public void A_local_structure_placed_in_a_neighbouring_departement_that_serves_this_one_counts()
    {
        var places = new[] { Place("A1", 1_000, 10), Place("B1", 5_000, 12) };
        var across = Structure(Scope.Departementale, ["A1", "B1"], [StructureAction.AccompagnementEducatif], North(0));

        var snapshot = Compute([AreaA, AreaB], places, across);

        Assert.All(snapshot.Departements, d => Assert.Equal(1, d.ShareWithinRadius));
    }

    [Fact]
    public void National_structures_serve_every_departement_regional_ones_those_they_list_and_local_ones_theirs()
    {
        var national = Structure(Scope.Nationale, [], [StructureAction.Formation]);
        var regional = Structure(Scope.Regionale, ["A1", "B1"], [StructureAction.Prevention]);
        var local = Structure(Scope.Locale, ["A1"], [StructureAction.Prevention, StructureAction.Hebergement]);
        var departemental = Structure(Scope.Departementale, ["A1", "C1"], [StructureAction.Soins]);

        var snapshot = Compute([AreaA, AreaB, AreaC], [], national, regional, local, departemental);
        var byCode = snapshot.Departements.ToDictionary(d => d.Code);

        Assert.Equal((2, 1, 1), (byCode["A1"].LocalStructures, byCode["A1"].RegionalStructures, byCode["A1"].NationalStructures));
        Assert.Equal((0, 1, 1), (byCode["B1"].LocalStructures, byCode["B1"].RegionalStructures, byCode["B1"].NationalStructures));
        Assert.Equal((1, 0, 1), (byCode["C1"].LocalStructures, byCode["C1"].RegionalStructures, byCode["C1"].NationalStructures));
        Assert.Equal(4, snapshot.PublishedStructures);

        // By action, every structure serving A1: prevention (régional, local), formation (national), hébergement, soins.
        var expected = Vocabulary.Actions.All.ToDictionary(t => t.Code, _ => 0);
        (expected["prevention"], expected["formation"], expected["hebergement"], expected["soins"]) = (2, 1, 1, 1);
        Assert.Equal(expected, byCode["A1"].ByAction);
        Assert.Equal(12, byCode["B1"].ByAction.Count);
        Assert.Equal((1, 1, 0), (byCode["B1"].ByAction["prevention"], byCode["B1"].ByAction["formation"], byCode["B1"].ByAction["hebergement"]));

        // Missing key actions look at local structures only: the régional prevention does not fill B1's gap.
        Assert.Equal(["reperage", "ecoute-orientation", "accompagnement-educatif", "formation", "soutien-parents"], byCode["A1"].MissingActions);
        Assert.Equal(7, byCode["B1"].MissingActions.Count);

        // Région R1: the local and the départementale structures of A1, once each; R2: the départementale one.
        var regions = snapshot.Regions.ToDictionary(r => r.Code);
        Assert.Equal((2, 2, 30_000L), (regions["R1"].LocalStructures, regions["R1"].DepartementCount, regions["R1"].Population));
        Assert.Equal((1, 1, 50_000L), (regions["R2"].LocalStructures, regions["R2"].DepartementCount, regions["R2"].Population));
    }

    [Fact]
    public void A_departement_without_local_structure_is_not_covered_with_a_score_of_100()
    {
        var snapshot = Compute([AreaB], [Place("B1", 20_000, 5)], Structure(Scope.Nationale, [], [StructureAction.EcouteOrientation], (Lat, Lon)));
        var b = snapshot.Departements.Single();

        Assert.Equal(0, b.LocalStructures);
        Assert.Null(b.ShareUpToDate);
        Assert.Equal(0, b.LocalPer100000);
        Assert.Equal(100, b.Score);
        Assert.Equal(CoverageClass.NonCouvert, b.Class);
    }

    [Fact]
    public void The_share_up_to_date_and_the_density_are_those_of_the_local_structures()
    {
        // 3 local structures for 20,000 inhabitants: 15 per 100,000; 1 of 3 up to date: 0.3333.
        var structures = new[]
        {
            Structure(Scope.Locale, ["B1"], [StructureAction.Prevention], upToDate: true),
            Structure(Scope.Locale, ["B1"], [StructureAction.Prevention]),
            Structure(Scope.Departementale, ["B1"], [StructureAction.Prevention]),
            Structure(Scope.Regionale, ["B1"], [StructureAction.Prevention], upToDate: true),
        };
        var b = Compute([AreaB], [], structures).Departements.Single();

        Assert.Equal(15, b.LocalPer100000);
        Assert.Equal(0.3333, b.ShareUpToDate);
        // No commune: nothing within reach. 100 × (0.40 + 0.25 × 6/7 + 0 + 0.15 × 0.6667) = 40 + 21.43 + 10 = 71.43 → 71.
        Assert.Equal(71, b.Score);
        Assert.Equal(CoverageClass.Faible, b.Class);
    }

    [Theory]
    // The example of the method page: 100 × (0.4 × 0.5 + 0.25 × 2/7 + 0.2 × 0.6 + 0.15 × 0.5) = 46.64 → 47.
    [InlineData(0.5, 2, 0.4, 0.5, 47)]
    // 100 × (0.4 × 0.8 + 0.25 × 3/7 + 0.2 × 0.5 + 0.15 × 0.75) = 32 + 10.71 + 10 + 11.25 = 63.96 → 64.
    [InlineData(0.2, 3, 0.5, 0.25, 64)]
    [InlineData(1.0, 0, 1.0, 1.0, 0)]
    [InlineData(1.0, 0, 25.0, 1.0, 0)]
    [InlineData(0.0, 7, 0.0, 0.0, 100)]
    public void The_score_follows_the_published_formula(double share, int missing, double density, double upToDate, int expected) =>
        Assert.Equal(expected, CoverageMethod.Score(share, missing, density, upToDate));

    [Theory]
    [InlineData(0, 10, CoverageClass.NonCouvert)]
    [InlineData(1, 100, CoverageClass.Faible)]
    [InlineData(1, 60, CoverageClass.Faible)]
    [InlineData(1, 59, CoverageClass.Partiel)]
    [InlineData(1, 30, CoverageClass.Partiel)]
    [InlineData(1, 29, CoverageClass.Couvert)]
    [InlineData(4, 0, CoverageClass.Couvert)]
    public void The_class_follows_the_thresholds(int localStructures, int score, CoverageClass expected) =>
        Assert.Equal(expected, CoverageMethod.Classify(localStructures, score));

    [Fact]
    public void The_labels_of_the_classes_are_those_of_the_exports()
    {
        Assert.Equal(["couvert", "partiel", "faible", "non couvert"], Enum.GetValues<CoverageClass>().Select(c => c.Label()));
        Assert.Equal("non-couvert", CoverageClass.NonCouvert.Code());
    }

    [Fact]
    public void The_same_structures_give_the_same_figures_and_one_change_does_not()
    {
        var places = new[] { Place("A1", 1_000, 10), Place("A1", 2_000, 29) };
        var structures = new[] { Structure(Scope.Locale, ["A1"], [StructureAction.Hebergement], (Lat, Lon)) };
        var first = Compute([AreaA], places, structures);

        Assert.True(Compute([AreaA], places, structures).HasSameFiguresAs(first));
        Assert.False(Compute([AreaA], places, [.. structures, Structure(Scope.Locale, ["A1"], [StructureAction.Formation])]).HasSameFiguresAs(first));
        Assert.False(first.HasSameFiguresAs(null));
    }

    [Fact]
    public void The_comparison_with_the_previous_snapshot_gives_each_departement_its_changes()
    {
        var places = new[] { Place("A1", 1_000, 10), Place("A1", 3_000, 40), Place("B1", 2_000, 10) };
        var before = Compute([AreaA, AreaB], places, Structure(Scope.Locale, ["A1"], [StructureAction.Hebergement], (Lat, Lon)));
        var after = Compute([AreaA, AreaB], places,
            Structure(Scope.Locale, ["A1"], [StructureAction.Hebergement], (Lat, Lon)),
            Structure(Scope.Locale, ["A1"], [StructureAction.EcouteOrientation], North(40)));

        var changes = CoverageReports.Compare(after, before);

        var a = changes["A1"];
        Assert.True(a.Changed);
        Assert.Equal(1, a.LocalDelta);
        // From 1,000 of 4,000 within reach (0.25) to all of them (1): +0.75.
        Assert.Equal((0.25, 1.0), (a.Previous!.ShareWithinRadius, a.Current.ShareWithinRadius));
        Assert.Equal(0.75, a.ShareWithinRadiusDelta);
        // Before: 100 × (0.4 × 0.75 + 0.25 × 6/7 + 0 + 0.15) = 30 + 21.43 + 15 = 66.43 → 66 (faible);
        // after: 100 × (0 + 0.25 × 5/7 + 0 + 0.15) = 17.86 + 15 = 32.86 → 33 (partiel).
        Assert.Equal((66, 33, -33), (a.Previous.Score, a.Current.Score, a.ScoreDelta));
        Assert.True(a.ClassChanged);
        Assert.False(changes["B1"].Changed);
        Assert.Equal(0, changes["B1"].ScoreDelta);

        Assert.All(CoverageReports.Compare(after, null).Values, c => Assert.Null(c.ScoreDelta));
    }

    [Fact]
    public void The_share_within_the_radius_matches_a_brute_force_scan()
    {
        var random = new Random(7);
        var places = Enumerable.Range(0, 2_000)
            .Select(_ => new CoveragePlace("A1", random.Next(0, 5_000), 44 + random.NextDouble() * 2, 2 + random.NextDouble() * 3)).ToList();
        var points = Enumerable.Range(0, 40)
            .Select(_ => Structure(Scope.Locale, ["A1"], [StructureAction.Soins], (44 + random.NextDouble() * 2, 2 + random.NextDouble() * 3))).ToList();

        var (total, within) = CoverageCalculator.PopulationWithin(places, points, 30);

        Assert.Equal(places.Sum(p => (long)p.Population), total);
        var expected = places.Where(p => points.Any(s => GreatCircle.DistanceKm(p.Latitude, p.Longitude, s.Latitude!.Value, s.Longitude!.Value) <= 30)).Sum(p => (long)p.Population);
        Assert.Equal(expected, within);
        Assert.InRange(within, 1, total - 1);
    }
}
