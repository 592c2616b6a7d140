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
    [InlineData("/api/structures/nearby?lat=NaN&lon=2", "lat")]
    [InlineData("/api/structures/nearby?lat=47.7&lon=Infinity", "lon")]
    [InlineData("/api/structures/nearby?lat=abc&lon=2", "lat")]
    [InlineData("/api/structures/nearby?lat=47,75&lon=7,34", "lat")]
    [InlineData("/api/structures/nearby?commune=68224&limit=0", "limit")]
    [InlineData("/api/structures/nearby?commune=68224&limit=99999999999", "limit")]
    [InlineData("/api/structures/nearby?commune=68224&limit=-3", "limit")]
    [InlineData("/api/structures/around?lat=NaN&lon=NaN", "lat")]
    [InlineData("/api/structures/around?lat=47.75&lon=367.33", "lon")]
    [InlineData("/api/structures/around?commune=99999", "commune")]
    [InlineData("/api/structures/around?commune=68224&public=enfants", "public")]
    [InlineData("/api/communes/search?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "q")]
    public async Task Bad_parameters_get_a_400_with_a_french_message_naming_the_parameter(string url, string parameter)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        var message = doc.RootElement.GetProperty("errors").GetProperty(parameter)[0].GetString();
        Assert.Matches("^(Valeur|Département|Commune|Indiquez|Latitude|Longitude|La limite|La recherche) ", message);
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

        Assert.Equal(["La Brèche"], doc.Features().Select(f => f.Prop("nom")));
    }

    [Fact]
    public async Task A_place_outside_france_gets_a_french_404_problem()
    {
        using var response = await app.Client.GetAsync(new Uri("/api/structures/around?lat=40.7128&lon=-74.006", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Lieu hors de France", doc.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_point_just_off_the_coast_still_finds_its_departement()
    {
        using var doc = await app.Client.GetJsonAsync("/api/structures/around?lat=43.28&lon=5.33");

        Assert.Equal("13", doc.RootElement.GetProperty("departement").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Answers_to_a_position_are_private_and_carry_no_etag()
    {
        using var first = await app.Client.GetAsync(new Uri("/api/structures/nearby?lat=47.75&lon=7.34", UriKind.Relative));
        using var response = await app.Client.GetAsync(new Uri("/api/structures/nearby?lat=47.75&lon=7.34", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.Null(response.Headers.Age);
    }

    [Fact]
    public async Task An_unknown_api_route_gets_a_problem_document_not_an_html_page()
    {
        using var response = await app.Client.GetAsync(new Uri("/api/nope", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Commune_search_answers_the_top_ten_as_json()
    {
        using var doc = await app.Client.GetJsonAsync("/api/communes/search?q=Saint-Etienne");

        var results = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(10, results.Count);
        var first = results[0];
        Assert.Equal("42218", first.GetProperty("code").GetString());
        Assert.Equal("Saint-Étienne", first.GetProperty("nom").GetString());
        Assert.Equal("42", first.GetProperty("departement").GetString());
        Assert.Equal(["42000", "42100", "42230"], first.GetProperty("codes_postaux").EnumerateArray().Select(e => e.GetString()));
        Assert.InRange(first.GetProperty("latitude").GetDouble(), 45.4, 45.5);
        Assert.InRange(first.GetProperty("longitude").GetDouble(), 4.3, 4.45);
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
}
