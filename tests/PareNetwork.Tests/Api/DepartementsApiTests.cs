using System.Net;
using PareNetwork.Tests.Infrastructure;

namespace PareNetwork.Tests.Api;

[Collection(SeededAppCollection.Name)]
public class DepartementsApiTests(SeededApp app)
{
    [Fact]
    public async Task Serves_the_101_departements_as_valid_geojson_under_300_KB()
    {
        using var response = await app.Client.GetAsync(new Uri("/api/departements", UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.InRange(body.Length, 50_000, 300 * 1024);
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var features = doc.Features().ToList();
        Assert.Equal(101, features.Count);
        Assert.All(features, f =>
        {
            Assert.Equal("Feature", f.GetProperty("type").GetString());
            Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
            foreach (var name in new[] { "code", "nom", "region", "population", "structures", "structures_locales", "structures_regionales" })
            {
                Assert.True(f.GetProperty("properties").TryGetProperty(name, out _), $"missing {name}");
            }
        });
        Assert.True(doc.RootElement.TryGetProperty("structures_nationales", out _), "missing structures_nationales on the collection");
        var hautRhin = features.Single(f => f.Prop("code") == "68");
        Assert.Equal("Haut-Rhin", hautRhin.Prop("nom"));
        Assert.Equal("Grand Est", hautRhin.Prop("region"));
    }

    [Fact]
    public async Task Structures_still_counts_every_published_structure_serving_the_departement_national_ones_included()
    {
        using var departements = await app.Client.GetJsonAsync("/api/departements");
        using var all = await app.Client.GetJsonAsync("/api/structures");

        foreach (var code in new[] { "68", "59", "973", "23" })
        {
            using var serving = await app.Client.GetJsonAsync($"/api/structures?departement={code}");
            var expected = all.Features().Count(f => f.Prop("portee") == "nationale" || f.PropList("departements").Contains(code));
            Assert.Equal(expected, serving.Features().Count());
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), departements.Features().Single(f => f.Prop("code") == code).Prop("structures"));
        }
    }

    /// <summary>
    /// On the test seed: 13 national structures (Koutcha confidential), 2 régional ones (Hauts-de-France, Bretagne);
    /// the Creuse has no local structure, the Rhône six local ones of which three are confidential shelters, the Nord one
    /// départemental structure and the Hauts-de-France régional one, the Aude two (one shared with the Hérault).
    /// </summary>
    [Theory]
    [InlineData("23", 0, 0, 13)]
    [InlineData("69", 6, 0, 19)]
    [InlineData("59", 1, 1, 15)]
    [InlineData("11", 2, 0, 15)]
    [InlineData("29", 0, 1, 14)]
    public async Task Counts_the_local_and_regional_structures_apart_and_states_the_national_ones_once(string code, int local, int regional, int total)
    {
        using var departements = await app.Client.GetJsonAsync("/api/departements");
        var d = departements.Features().Single(f => f.Prop("code") == code);

        Assert.Equal(13, departements.RootElement.GetProperty("structures_nationales").GetInt32());
        Assert.Equal((local, regional, total), (
            d.GetProperty("properties").GetProperty("structures_locales").GetInt32(),
            d.GetProperty("properties").GetProperty("structures_regionales").GetInt32(),
            d.GetProperty("properties").GetProperty("structures").GetInt32()));
    }

    [Fact]
    public async Task Eighty_eight_departements_have_no_local_structure_on_the_test_seed()
    {
        using var departements = await app.Client.GetJsonAsync("/api/departements");

        var withLocal = departements.Features().Where(f => f.GetProperty("properties").GetProperty("structures_locales").GetInt32() > 0)
            .Select(f => f.Prop("code")).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["05", "06", "11", "33", "34", "38", "59", "68", "69", "72", "77", "972", "973"], withLocal);
    }

    [Fact]
    public async Task Answers_304_when_the_client_already_has_the_current_version()
    {
        using var first = await app.Client.GetAsync(new Uri("/api/departements", UriKind.Relative));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/departements");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
