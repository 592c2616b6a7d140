using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using PareNetwork.Tests.Infrastructure;

namespace PareNetwork.Tests.Api;

[Collection(SeededAppCollection.Name)]
public class StructuresApiTests(SeededApp app)
{
    [Fact]
    public async Task Lists_every_published_structure_as_geojson()
    {
        using var doc = await app.Client.GetJsonAsync("/api/structures");

        var features = doc.Features().ToList();
        Assert.Equal(PublishedCount(), features.Count);
        var nid = features.Single(f => f.Prop("nom") == "Mouvement du Nid du Haut-Rhin");
        Assert.Equal("Point", nid.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("Mulhouse", nid.Prop("commune"));
        Assert.Equal("commune", nid.Prop("precision"));
        Assert.Equal(["68"], nid.PropList("departements"));
        Assert.StartsWith($"/structures/{nid.Prop("id")}/mouvement-du-nid-du-haut-rhin", nid.Prop("url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confidential_structure_never_exposes_its_address_commune_or_point()
    {
        var secrets = ConfidentialSecrets();
        Assert.NotEmpty(secrets);

        foreach (var url in new[] { "/api/structures", "/api/structures?departement=69", "/api/structures/nearby?commune=69123&limit=200", "/api/structures/around?commune=69123", "/api/structures/nearby?lat=45.75&lon=4.85&limit=200" })
        {
            using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            foreach (var (id, name, secretTexts) in secrets)
            {
                foreach (var feature in doc.Features().Where(f => f.Prop("id") == id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    Assert.Equal(System.Text.Json.JsonValueKind.Null, feature.GetProperty("geometry").ValueKind);
                    Assert.Equal("departement", feature.Prop("precision"));
                    Assert.False(feature.GetProperty("properties").TryGetProperty("adresse", out _), $"{name}: address in {url}");
                    Assert.False(feature.GetProperty("properties").TryGetProperty("commune", out _), $"{name}: commune in {url}");
                }
                foreach (var secret in secretTexts)
                {
                    Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Nearby_structures_are_ordered_by_distance_with_distances_in_km()
    {
        using var doc = await app.Client.GetJsonAsync("/api/structures/nearby?commune=68224&limit=5");

        var features = doc.Features().ToList();
        Assert.Equal(5, features.Count);
        Assert.Equal("Mouvement du Nid du Haut-Rhin", features[0].Prop("nom"));
        Assert.Equal("0", features[0].Prop("distance_km"));
        var distances = features.Select(f => double.Parse(f.Prop("distance_km"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.All(features, f => Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Nearby_by_coordinates_agrees_with_nearby_by_commune()
    {
        using var byCommune = await app.Client.GetJsonAsync("/api/structures/nearby?commune=69123&limit=4");
        using var byPoint = await app.Client.GetJsonAsync("/api/structures/nearby?lat=45.758&lon=4.835&limit=4");

        Assert.Equal(byCommune.Features().Select(f => f.Prop("id")), byPoint.Features().Select(f => f.Prop("id")));
    }

    [Theory]
    [InlineData("/api/structures?action=teleportation", "action")]
    [InlineData("/api/structures?departement=99", "departement")]
    [InlineData("/api/structures/nearby?commune=00000", "commune")]
    [InlineData("/api/structures/nearby", "commune")]
    [InlineData("/api/structures/nearby?lat=95&lon=2", "lat")]
    [InlineData("/api/structures/nearby?commune=68224&limit=0", "limit")]
    public async Task Bad_parameters_get_a_400_with_a_french_message_naming_the_parameter(string url, string parameter)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        var message = doc.RootElement.GetProperty("errors").GetProperty(parameter)[0].GetString();
        Assert.Matches("(inconnu|Indiquez|hors limites|comprise entre)", message);
    }

    [Fact]
    public async Task Filters_combine_and_every_result_matches_them()
    {
        using var all = await app.Client.GetJsonAsync("/api/structures");
        using var filtered = await app.Client.GetJsonAsync("/api/structures?action=prevention&portee=nationale");

        var expected = all.Features().Where(f => f.PropList("actions").Contains("prevention") && f.Prop("portee") == "nationale").Select(f => f.Prop("id")).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Features().Count());
        Assert.Equal(expected, filtered.Features().Select(f => f.Prop("id")));
    }

    [Fact]
    public async Task Text_search_ignores_accents_and_case()
    {
        using var doc = await app.Client.GetJsonAsync("/api/structures?q=BRECHE");

        Assert.Contains(doc.Features(), f => f.Prop("nom").Contains("Brèche", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Around_a_commune_lists_local_structures_by_distance_then_the_network_serving_it()
    {
        using var doc = await app.Client.GetJsonAsync("/api/structures/around?commune=68224");

        Assert.Equal("Mulhouse", doc.RootElement.GetProperty("commune").GetProperty("nom").GetString());
        Assert.Equal("68", doc.RootElement.GetProperty("departement").GetProperty("code").GetString());
        var features = doc.Features().ToList();
        Assert.Equal("Mouvement du Nid du Haut-Rhin", features[0].Prop("nom"));
        Assert.Equal("local", features[0].Prop("groupe"));
        var groups = features.Select(f => f.Prop("groupe")).ToList();
        Assert.Equal(groups.OrderBy(g => g switch { "local" => 0, "proche" => 1, _ => 2 }), groups);
        using var all = await app.Client.GetJsonAsync("/api/structures");
        Assert.Equal(
            all.Features().Count(f => f.Prop("portee") is "nationale" or "regionale" && (f.Prop("portee") == "nationale" || f.PropList("departements").Contains("68"))),
            groups.Count(g => g == "reseau"));
    }

    [Fact]
    public async Task Responses_carry_an_etag_and_answer_304_to_a_matching_if_none_match()
    {
        using var first = await app.Client.GetAsync(new Uri("/api/structures?action=prevention", UriKind.Relative));
        Assert.NotNull(first.Headers.ETag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/structures?action=prevention");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag);
        using var second = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        using var other = await app.Client.GetAsync(new Uri("/api/structures?action=soins", UriKind.Relative));
        Assert.NotEqual(first.Headers.ETag, other.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Responses_are_compressed_when_the_client_accepts_it(string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/structures");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await app.Client.SendAsync(request);

        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
    }

    private int PublishedCount()
    {
        using var db = app.Factory.OpenDatabase();
        return Convert.ToInt32(new SqliteCommand("SELECT COUNT(*) FROM Structures WHERE Status = 'Publiee'", db).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Confidential structures with what must never leak: street address, commune name and INSEE code.</summary>
    private List<(int Id, string Name, List<string> Secrets)> ConfidentialSecrets()
    {
        using var db = app.Factory.OpenDatabase();
        using var command = new SqliteCommand(
            "SELECT s.Id, s.Name, s.Address, c.Name, s.CommuneCode FROM Structures s LEFT JOIN Communes c ON c.Code = s.CommuneCode WHERE s.AddressVisibility = 'Confidentielle' AND s.Status = 'Publiee'", db);
        using var reader = command.ExecuteReader();
        var result = new List<(int, string, List<string>)>();
        while (reader.Read())
        {
            var secrets = new List<string>();
            for (var i = 2; i < 5; i++)
            {
                if (!reader.IsDBNull(i))
                {
                    secrets.Add("\"" + reader.GetString(i) + "\"");
                }
            }
            result.Add((reader.GetInt32(0), reader.GetString(1), secrets));
        }
        return result;
    }
}
