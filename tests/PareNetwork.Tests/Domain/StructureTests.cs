using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;

namespace PareNetwork.Tests.Domain;

public class StructureTests
{
    private static readonly Commune Mulhouse = new()
    {
        Code = "68224",
        Name = "Mulhouse",
        DepartementCode = "68",
        Location = GeoConstants.Point(47.7489, 7.32526),
    };

    private static Structure NewStructure(Scope scope = Scope.Locale, params string[] departements) => new()
    {
        Name = "Association Exemple",
        Scope = scope,
        Departements = [.. departements.Select(code => new Departement { Code = code, Name = code, RegionCode = "44", Boundary = GeoConstants.Factory.CreateMultiPolygon() })],
    };

    [Fact]
    public void A_structure_known_by_its_commune_gets_the_commune_point_marked_approximate()
    {
        var structure = NewStructure();

        structure.PlaceAt(Mulhouse, exactPoint: null);

        Assert.Equal(LocationPrecision.Commune, structure.LocationPrecision);
        Assert.Equal((7.32526, 47.7489), (structure.Location!.X, structure.Location.Y));
        Assert.Equal("68224", structure.CommuneCode);
    }

    [Fact]
    public void A_structure_known_only_by_its_departement_gets_no_point()
    {
        var structure = NewStructure();

        structure.PlaceAt(commune: null, exactPoint: null);

        Assert.Equal(LocationPrecision.Departement, structure.LocationPrecision);
        Assert.Null(structure.Location);
    }

    [Fact]
    public void An_exact_point_wins_over_the_commune_point()
    {
        var structure = NewStructure();

        structure.PlaceAt(Mulhouse, GeoConstants.Point(47.75, 7.34));

        Assert.Equal(LocationPrecision.Adresse, structure.LocationPrecision);
        Assert.Equal((7.34, 47.75), (structure.Location!.X, structure.Location.Y));
    }

    [Fact]
    public void A_national_structure_serves_every_departement_and_a_local_one_only_those_declared()
    {
        Assert.True(NewStructure(Scope.Nationale).Serves("973"));
        var local = NewStructure(Scope.Departementale, "68", "67");
        Assert.True(local.Serves("67"));
        Assert.False(local.Serves("90"));
    }

    [Theory]
    [InlineData("Mouvement du Nid du Haut-Rhin", "mouvement-du-nid-du-haut-rhin")]
    [InlineData("L'Ilot", "l-ilot")]
    [InlineData("Allô Enfance en Danger – 119", "allo-enfance-en-danger-119")]
    [InlineData("Œuvre « spéciale »", "uvre-speciale")]
    public void Slugs_are_lowercase_ascii_words_joined_by_dashes(string name, string slug)
    {
        Assert.Equal(slug, Structure.Slugify(name));
    }
}
