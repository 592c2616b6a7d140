using System.Net;
using PareNetwork.Tests.Infrastructure;

namespace PareNetwork.Tests.Api;

[Collection(SeededAppCollection.Name)]
public class SecurityAndHealthTests(SeededApp app)
{
    [Fact]
    public async Task Health_answers_200_after_touching_the_database()
    {
        using var response = await app.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/structures")]
    [InlineData("/api/departements")]
    [InlineData("/page-qui-n-existe-pas")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Https_responses_carry_hsts_outside_development()
    {
        using var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://reseau-pare.example.org") });

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_pages_are_not_stored_by_the_browser_because_phones_are_shared()
    {
        using var response = await app.Client.GetAsync(new Uri("/liste?commune=68224", UriKind.Relative));

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_structure_url_with_a_wrong_slug_redirects_permanently_to_the_canonical_one()
    {
        using var doc = await app.Client.GetJsonAsync("/api/structures?q=Breche");
        var url = doc.Features().Single().Prop("url");
        var id = doc.Features().Single().Prop("id");
        using var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri($"/structures/{id}/ancien-nom", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(url, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/structures/999999/inconnue")]
    [InlineData("/structures/abc/def")]
    [InlineData("/departements/99")]
    public async Task Unknown_pages_get_the_french_404_page(string url)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_answers_are_output_cached_and_revalidated_by_browsers()
    {
        using var first = await app.Client.GetAsync(new Uri("/departements/67", UriKind.Relative));
        using var second = await app.Client.GetAsync(new Uri("/departements/67", UriKind.Relative));
        using var api = await app.Client.GetAsync(new Uri("/api/structures?departement=67", UriKind.Relative));

        Assert.NotNull(second.Headers.Age);
        Assert.True(api.Headers.CacheControl?.NoCache);
        Assert.True(api.Headers.ETag?.IsWeak);
    }

    [Fact]
    public async Task A_cached_error_page_never_turns_a_404_into_a_200()
    {
        using var direct = await app.Client.GetAsync(new Uri("/Error?code=404", UriKind.Relative));
        using var again = await app.Client.GetAsync(new Uri("/Error?code=404", UriKind.Relative));
        using var missing = await app.Client.GetAsync(new Uri("/departements/zz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Paths_differing_by_case_are_not_served_from_each_others_cache()
    {
        using var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var canonical = await client.GetAsync(new Uri("/departements/2A", UriKind.Relative));

        using var lowerCase = await client.GetAsync(new Uri("/departements/2a", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
        Assert.Equal(HttpStatusCode.MovedPermanently, lowerCase.StatusCode);
        Assert.Equal("/departements/2A", lowerCase.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_link_reads_an_insee_code_and_a_typed_search_a_postal_code_even_after_the_other_was_cached()
    {
        var typed = await app.Client.GetStringAsync(new Uri("/liste?commune=68100&saisie=1", UriKind.Relative));
        var bareMarker = await app.Client.GetStringAsync(new Uri("/liste?commune=68100&saisie", UriKind.Relative));
        var link = await app.Client.GetStringAsync(new Uri("/liste?commune=68100", UriKind.Relative));

        Assert.Contains("autour de Mulhouse", typed, StringComparison.Ordinal);
        Assert.Contains("autour de Fulleren", link, StringComparison.Ordinal);
        Assert.Contains("autour de Fulleren", bareMarker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_lists_regions_and_departements_in_french()
    {
        var html = await app.Client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("Haut-Rhin", html, StringComparison.Ordinal);
        Assert.Contains("Grand Est", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/departements/973\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_contain_no_inline_script()
    {
        var html = await app.Client.GetStringAsync(new Uri("/", UriKind.Relative));

        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script(?<attrs>[^>]*)>(?<body>.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.All(scripts, m => Assert.True(
            m.Groups["attrs"].Value.Contains("src=", StringComparison.Ordinal) || m.Groups["attrs"].Value.Contains("application/json", StringComparison.Ordinal),
            "Inline script: " + m.Value[..Math.Min(80, m.Value.Length)]));
    }
}
