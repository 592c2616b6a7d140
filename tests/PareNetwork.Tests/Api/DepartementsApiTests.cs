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
            foreach (var name in new[] { "code", "nom", "region", "population", "structures" })
            {
                Assert.True(f.GetProperty("properties").TryGetProperty(name, out _), $"missing {name}");
            }
        });
        var hautRhin = features.Single(f => f.Prop("code") == "68");
        Assert.Equal("Haut-Rhin", hautRhin.Prop("nom"));
        Assert.Equal("Grand Est", hautRhin.Prop("region"));
    }

    [Fact]
    public async Task Counts_for_each_departement_the_published_structures_serving_it()
    {
        using var departements = await app.Client.GetJsonAsync("/api/departements");
        using var all = await app.Client.GetJsonAsync("/api/structures");
        var national = all.Features().Count(f => f.Prop("portee") == "nationale");

        foreach (var code in new[] { "68", "59", "973", "23" })
        {
            using var serving = await app.Client.GetJsonAsync($"/api/structures?departement={code}");
            var expected = all.Features().Count(f => f.Prop("portee") == "nationale" || f.PropList("departements").Contains(code));
            Assert.Equal(expected, serving.Features().Count());
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), departements.Features().Single(f => f.Prop("code") == code).Prop("structures"));
        }
        Assert.Equal(national.ToString(System.Globalization.CultureInfo.InvariantCulture), departements.Features().Single(f => f.Prop("code") == "23").Prop("structures"));
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
