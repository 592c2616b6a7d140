using System.Net;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Tests.Api;

/// <summary>The DGCS and the coordination see a shelter at its real place on the map; nobody else, and no cache.</summary>
public sealed class ReservedPlacesApiTests(ShelterApp app) : IClassFixture<ShelterApp>
{
    private const string Route = "/api/structures/confidentielles";

    [Theory]
    [InlineData(Roles.Dgcs)]
    [InlineData(Roles.Coordination)]
    public async Task Reviewers_and_the_coordination_get_the_shelter_at_its_real_place(string role)
    {
        using var reviewer = await Browsing.AsAsync(app.Factory, role);

        using var response = await reviewer.GetAsync(Route);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "The answer must be no-store.");
        var shelter = Assert.Single(doc.Features(), f => f.Prop("id") == app.ShelterId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ShelterApp.SecretAddress, shelter.Prop("adresse"));
        var coordinates = shelter.GetProperty("geometry").GetProperty("coordinates");
        // The shelter is at 47.812345, 7.276543; positions are written with 5 decimals.
        Assert.Equal((7.27654, 47.81234), (coordinates[0].GetDouble(), coordinates[1].GetDouble()));
        Assert.Contains("data-reserve=\"1\"", await reviewer.GetHtmlAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_else_is_refused_and_the_public_map_page_does_not_ask()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, app.ShelterId);

        using var asAnonymous = await anonymous.GetAsync(Route);
        using var asMember = await member.GetAsync(Route);

        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        Assert.DoesNotContain(ShelterApp.SecretAddress, await asMember.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-reserve=\"0\"", await anonymous.GetHtmlAsync("/"), StringComparison.Ordinal);
        Assert.Contains("data-reserve=\"0\"", await member.GetHtmlAsync("/"), StringComparison.Ordinal);
    }
}
