using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;

namespace PareNetwork.Tests.Api;

/// <summary>An app holding a shelter with a street address, a commune and an exact point.</summary>
public sealed class ShelterApp : IAsyncLifetime
{
    public const string SecretAddress = "12 rue du Refuge Secret";

    public PareAppFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public int ShelterId { get; private set; }

    /// <summary>Answers to /api/structures and /api/departements before the shelter was added.</summary>
    public (HttpResponseMessage Structures, HttpResponseMessage Departements) Before { get; private set; }

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        Before = (await Client.GetAsync(new Uri("/api/structures", UriKind.Relative)), await Client.GetAsync(new Uri("/api/departements", UriKind.Relative)));
        Assert.DoesNotContain("Horizon", await Client.GetStringAsync(new Uri("/departements/68", UriKind.Relative)), StringComparison.Ordinal);
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var shelter = new Structure
        {
            Name = "Maison d'accueil Horizon",
            Nature = StructureNature.Etablissement,
            Actions = [StructureAction.Hebergement],
            Publics = [StructurePublic.MineursVictimes],
            Scope = Scope.Locale,
            Departements = [await db.Departements.FindAsync("68") ?? throw new InvalidOperationException()],
            Address = SecretAddress,
            PrivateEmail = "direction.horizon@exemple.org",
            PrivatePhone = "06 12 34 56 78",
            PrivateAddress = "Boîte postale 77 Refuge",
            AddressVisibility = AddressVisibility.Confidentielle,
            Phones = ["03 89 00 00 00"],
            Status = StructureStatus.Publiee,
        };
        shelter.PlaceAt(await db.Communes.FindAsync("68195"), GeoConstants.Point(47.812345, 7.276543));
        db.Structures.Add(shelter);
        await db.SaveChangesAsync();
        ShelterId = shelter.Id;
    }

    public async Task DisposeAsync()
    {
        Before.Structures.Dispose();
        Before.Departements.Dispose();
        Client.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }
}

/// <summary>None of the shelter's address, commune or point may reach the public, in any API or page.</summary>
public sealed class ConfidentialityTests(ShelterApp app) : IClassFixture<ShelterApp>
{
    private const string SecretAddress = ShelterApp.SecretAddress;
    private readonly HttpClient _client = app.Client;
    private readonly int _shelterId = app.ShelterId;

    [Theory]
    [InlineData("/api/structures")]
    [InlineData("/api/departements")]
    public async Task Adding_a_structure_changes_the_etag_and_no_stale_cached_answer_is_served(string url)
    {
        var before = url.Contains("departements", StringComparison.Ordinal) ? app.Before.Departements : app.Before.Structures;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);

        using var after = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        using var beforeDoc = System.Text.Json.JsonDocument.Parse(await before.Content.ReadAsStringAsync());
        using var afterDoc = System.Text.Json.JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        if (url == "/api/structures")
        {
            Assert.Equal(beforeDoc.Features().Count() + 1, afterDoc.Features().Count());
        }
        else
        {
            int Count(System.Text.Json.JsonDocument doc, string code, string property = "structures") =>
                doc.Features().Single(f => f.Prop("code") == code).GetProperty("properties").GetProperty(property).GetInt32();
            Assert.Equal(Count(beforeDoc, "68") + 1, Count(afterDoc, "68"));
            Assert.Equal(Count(beforeDoc, "67"), Count(afterDoc, "67"));
            // The confidential shelter counts as local help: a count reveals no address.
            Assert.Equal((1, 2), (Count(beforeDoc, "68", "structures_locales"), Count(afterDoc, "68", "structures_locales")));
        }
    }

    [Fact]
    public async Task Pages_cached_before_the_change_show_the_new_structure()
    {
        var html = await _client.GetStringAsync(new Uri("/departements/68", UriKind.Relative));

        Assert.Contains("Maison d&#x27;accueil Horizon", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_the_shelters_commune_by_text_does_not_find_it()
    {
        using var doc = await _client.GetJsonAsync("/api/structures?q=Lutterbach");

        Assert.DoesNotContain(doc.Features(), f => f.Prop("id") == _shelterId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("/api/structures")]
    [InlineData("/api/structures?departement=68")]
    [InlineData("/api/structures?action=hebergement")]
    [InlineData("/api/departements")]
    [InlineData("/api/structures/nearby?lat=47.8&lon=7.28&limit=200")]
    [InlineData("/api/structures/nearby?commune=68195&limit=200")]
    [InlineData("/api/structures/around?commune=68195")]
    [InlineData("/api/structures/around?lat=47.8&lon=7.28")]
    public async Task Public_apis_show_the_shelter_at_departement_level_only(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoSecret(body, url);
        if (url == "/api/departements")
        {
            return;
        }
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        var shelter = doc.Features().SingleOrDefault(f => f.Prop("id") == _shelterId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (url.Contains("nearby", StringComparison.Ordinal))
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Undefined, shelter.ValueKind);
            return;
        }
        Assert.Equal("Maison d'accueil Horizon", shelter.Prop("nom"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, shelter.GetProperty("geometry").ValueKind);
        Assert.Equal("departement", shelter.Prop("precision"));
        Assert.Equal("True", shelter.Prop("confidentiel"));
        Assert.Equal(["03 89 00 00 00"], shelter.PropList("telephones"));
        Assert.False(shelter.GetProperty("properties").TryGetProperty("commune", out _));
        Assert.False(shelter.GetProperty("properties").TryGetProperty("code_commune", out _));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/liste")]
    [InlineData("/liste?commune=68195")]
    [InlineData("/departements/68")]
    [InlineData("/structures/{id}/maison-d-accueil-horizon")]
    public async Task Public_pages_never_show_the_address_commune_or_point(string url)
    {
        using var response = await _client.GetAsync(new Uri(url.Replace("{id}", _shelterId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoSecret(html, url);
        if (url.StartsWith("/structures/", StringComparison.Ordinal))
        {
            Assert.Contains("Maison d&#x27;accueil Horizon", html, StringComparison.Ordinal);
            Assert.Contains("confidenti", html, StringComparison.Ordinal);
            Assert.Contains("tel:0389000000", html.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    /// <summary>The shelter's address, point and — unless the request itself searched it — its commune.</summary>
    private static void AssertNoSecret(string body, string url)
    {
        if (!url.Contains("68195", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("Lutterbach", body, StringComparison.Ordinal);
            Assert.DoesNotContain("68195", body, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(SecretAddress, body, StringComparison.Ordinal);
        Assert.DoesNotContain("direction.horizon", body, StringComparison.Ordinal);
        Assert.DoesNotContain("06 12 34 56 78", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Boîte postale 77", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Refuge Secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("47.81234", body, StringComparison.Ordinal);
        Assert.DoesNotContain("7.27654", body, StringComparison.Ordinal);
        Assert.DoesNotContain("47,81234", body, StringComparison.Ordinal);
    }
}
