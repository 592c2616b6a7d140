using PareNetwork.Web.Catalog;
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
        Assert.True(Public(NewStructure(Scope.Nationale)).Serves("973"));
        var local = Public(NewStructure(Scope.Departementale, "68", "67"));
        Assert.True(local.Serves("67"));
        Assert.False(local.Serves("90"));
    }

    [Fact]
    public void Confirming_a_record_sets_the_confirmation_date_and_not_the_update_time()
    {
        var structure = NewStructure();
        var confirmedAt = new DateTime(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc);

        structure.Confirm(confirmedAt);

        Assert.Equal(confirmedAt, structure.ConfirmedAt);
        Assert.Equal(default, structure.UpdatedAt);
    }

    [Fact]
    public void The_public_view_of_a_confidential_structure_keeps_only_its_departement()
    {
        var shelter = NewStructure(Scope.Locale, "68");
        shelter.Address = "3 rue Cachée";
        shelter.MakeConfidential();
        shelter.Phones = ["03 89 00 00 00"];
        shelter.PlaceAt(Mulhouse, GeoConstants.Point(47.75, 7.34));

        var view = PublicStructure.From(shelter, ["68"], "Mulhouse");

        Assert.Equal((null, null, null, null, null), (view.Address, view.CommuneName, view.CommuneCode, view.Latitude, view.Longitude));
        Assert.Equal(LocationPrecision.Departement, view.Precision);
        Assert.Equal(["68"], view.DepartementCodes);
        Assert.Equal(["03 89 00 00 00"], view.Phones);
        Assert.True(view.IsConfidential);
    }

    private static PublicStructure Public(Structure s) => PublicStructure.From(s, [.. s.Departements.Select(d => d.Code)], null);

    [Theory]
    [InlineData("Mouvement du Nid du Haut-Rhin", "mouvement-du-nid-du-haut-rhin")]
    [InlineData("L'Ilot", "l-ilot")]
    [InlineData("Allô Enfance en Danger – 119", "allo-enfance-en-danger-119")]
    [InlineData("Œuvre « spéciale »", "oeuvre-speciale")]
    [InlineData("Straße 12 – Ærø", "strasse-12-aero")]
    [InlineData("Ελληνικά Ψ", "")]
    public void Slugs_are_lowercase_ascii_words_joined_by_dashes(string name, string slug)
    {
        Assert.Equal(slug, Structure.Slugify(name));
    }
}
