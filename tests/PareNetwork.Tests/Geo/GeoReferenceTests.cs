using System.Text;
using NetTopologySuite.Coverage;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Api;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;

namespace PareNetwork.Tests.Geo;

[Collection(SeededAppCollection.Name)]
public class GeoReferenceTests(SeededApp app)
{
    private GeoReference Geo => app.Service<GeoReference>();

    [Theory]
    [InlineData("68224", "68")] // Mulhouse
    [InlineData("97302", "973")] // Cayenne
    [InlineData("2A004", "2A")] // Ajaccio
    [InlineData("75056", "75")] // Paris
    [InlineData("97411", "974")] // Saint-Denis (La Réunion)
    public void Finds_the_departement_containing_a_commune_point(string communeCode, string expectedDepartement)
    {
        var commune = Geo.CommunesByCode[communeCode];

        var departement = Geo.DepartementAt(commune.Latitude!.Value, commune.Longitude!.Value);

        Assert.Equal(expectedDepartement, departement?.Code);
    }

    [Fact]
    public void A_point_at_sea_is_in_no_departement()
    {
        Assert.Null(Geo.DepartementAt(46.0, -5.0));
    }

    [Fact]
    public void Paris_Lyon_great_circle_distance_is_about_392_km()
    {
        var paris = Geo.CommunesByCode["75056"];
        var lyon = Geo.CommunesByCode["69123"];

        var km = GreatCircle.DistanceKm(paris.Latitude!.Value, paris.Longitude!.Value, lyon.Latitude!.Value, lyon.Longitude!.Value);

        Assert.InRange(km, 389, 395);
    }

    [Fact]
    public void Nearest_communes_start_with_the_commune_itself_then_its_neighbours_by_distance()
    {
        var mulhouse = Geo.CommunesByCode["68224"];

        var nearest = Geo.NearestCommunes(mulhouse.Latitude!.Value, mulhouse.Longitude!.Value, 5);

        Assert.Equal(5, nearest.Count);
        Assert.Equal("Mulhouse", nearest[0].Commune.Name);
        Assert.Equal(0, nearest[0].DistanceKm, 3);
        Assert.All(nearest.Skip(1), n => Assert.InRange(n.DistanceKm, 0.1, 10));
        Assert.Equal(nearest.Select(n => n.DistanceKm).Order(), nearest.Select(n => n.DistanceKm));
    }

    [Theory]
    [InlineData(48.8566, 2.3522, 12)]
    [InlineData(43.2965, 5.3698, 7)]
    [InlineData(4.9372, -52.3260, 3)]
    [InlineData(-21.1151, 55.5364, 20)]
    [InlineData(47.0, 2.0, 1)]
    public void Nearest_communes_agree_with_a_brute_force_scan(double lat, double lon, int count)
    {
        var expected = Geo.Communes.Where(c => c.Latitude is not null)
            .Select(c => (c.Code, Km: GreatCircle.DistanceKm(lat, lon, c.Latitude!.Value, c.Longitude!.Value)))
            .OrderBy(x => x.Km)
            .Take(count)
            .ToList();

        var actual = Geo.NearestCommunes(lat, lon, count);

        Assert.Equal(expected.Select(e => e.Code), actual.Select(a => a.Commune.Code));
    }

    [Fact]
    public void Display_boundaries_form_a_valid_coverage_without_gaps_or_overlaps_between_neighbours()
    {
        var coverage = Geo.Departements.Select(d => d.DisplayBoundary).ToArray();

        var invalid = CoverageValidator.Validate(coverage);

        var problems = invalid.Select((g, i) => (g, Geo.Departements[i].Code)).Where(x => x.g is not null).Select(x => x.Code).ToList();
        Assert.True(problems.Count == 0, "Invalid coverage edges in: " + string.Join(", ", problems));
        Assert.All(Geo.Departements, d => Assert.True(d.DisplayBoundary.IsValid, $"{d.Code} display boundary is invalid"));
    }

    [Fact]
    public async Task Departement_geojson_for_display_stays_under_300_KB()
    {
        var bytes = DepartementsApi.Write(Geo, await app.Service<StructureCatalog>().GetAsync());

        Assert.InRange(bytes.Length, 50_000, 300 * 1024);
        Assert.StartsWith("{\"type\":\"FeatureCollection\"", Encoding.UTF8.GetString(bytes.Span[..40]), StringComparison.Ordinal);
    }

    [Fact]
    public void Neighbours_of_a_departement_are_the_ones_it_borders()
    {
        Assert.Equal(["67", "88", "90"], Geo.DepartementsByCode["68"].NeighbourCodes);
        Assert.Empty(Geo.DepartementsByCode["973"].NeighbourCodes);
        Assert.Equal(["2B"], Geo.DepartementsByCode["2A"].NeighbourCodes);
    }

    [Theory]
    [InlineData("mulhouse", "68224")]
    [InlineData("MULHOUSE", "68224")]
    [InlineData("68100", "68224")]
    [InlineData("saint etienne", "42218")]
    [InlineData("Saint-Étienne", "42218")]
    [InlineData("2A004", "2A004")]
    public void Commune_search_is_accent_and_case_insensitive_and_accepts_postal_codes(string query, string expectedFirst)
    {
        Assert.Equal(expectedFirst, Geo.SearchCommunes(query).FirstOrDefault()?.Code);
    }

    [Fact]
    public void Commune_search_puts_the_exact_name_before_longer_names_that_start_with_it()
    {
        var results = Geo.SearchCommunes("evry");

        Assert.Equal(("89162", "Évry"), (results[0].Code, results[0].Name));
        Assert.Equal(("91228", "Évry-Courcouronnes"), (results[1].Code, results[1].Name));
    }

    [Fact]
    public void Commune_search_by_postal_code_prefix_returns_the_ten_most_populated_matches()
    {
        var results = Geo.SearchCommunes("681");

        Assert.Equal(10, results.Count);
        Assert.All(results, c => Assert.Contains(c.PostalCodes, p => p.StartsWith("681", StringComparison.Ordinal)));
        Assert.Equal("Mulhouse", results[0].Name);
        Assert.Equal(results.Select(r => r.Population).OrderDescending(), results.Select(r => r.Population));
    }
}
