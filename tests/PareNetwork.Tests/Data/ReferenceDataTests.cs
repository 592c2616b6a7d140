using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Geo;

namespace PareNetwork.Tests.Data;

[Collection(SeededAppCollection.Name)]
public class ReferenceDataTests(SeededApp app)
{
    private GeoReference Geo => app.Service<GeoReference>();

    [Fact]
    public void Seeds_the_101_departements_of_France_with_their_regions()
    {
        Assert.Equal(101, Geo.Departements.Count);
        Assert.Equal(96, Geo.Departements.Count(d => !d.IsOverseas));
        Assert.Equal(["971", "972", "973", "974", "976"], Geo.Departements.Where(d => d.IsOverseas).Select(d => d.Code));
        Assert.Contains(Geo.Departements, d => d.Code == "2A" && d.Name == "Corse-du-Sud" && d.RegionName == "Corse");
        Assert.Equal(18, Geo.Departements.Select(d => d.RegionCode).Distinct().Count());
    }

    [Fact]
    public void Seeds_every_commune_with_its_postal_codes()
    {
        Assert.Equal(34_875, Geo.Communes.Count);
        Assert.Equal(7, Geo.Communes.Count(c => c.Latitude is null));
        var mulhouse = Geo.CommunesByCode["68224"];
        Assert.Equal("Mulhouse", mulhouse.Name);
        Assert.Equal(["68100", "68200"], mulhouse.PostalCodes);
    }

    [Fact]
    public void The_population_of_the_101_departements_is_that_of_France_within_one_percent()
    {
        var total = Geo.Departements.Sum(d => d.Population);
        Assert.InRange(total, 68_350_000 * 0.99, 68_350_000 * 1.01);
    }

    [Fact]
    public void At_least_995_permille_of_commune_points_lie_inside_their_own_departement()
    {
        var located = Geo.Communes.Where(c => c.Latitude is not null).ToList();
        var inside = located.Count(c =>
            Geo.DepartementsByCode[c.DepartementCode].Boundary.Covers(
                PareNetwork.Web.Data.GeoConstants.Point(c.Latitude!.Value, c.Longitude!.Value)));

        Assert.True(inside >= located.Count * 0.995, $"{inside} of {located.Count} commune points lie inside their département.");
    }
}
