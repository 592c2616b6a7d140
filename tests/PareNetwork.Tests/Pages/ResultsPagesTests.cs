using System.Net;
using System.Text.RegularExpressions;
using PareNetwork.Tests.Api;
using PareNetwork.Tests.Infrastructure;

namespace PareNetwork.Tests.Pages;

/// <summary>The sentences of the result lists, as a person reads them on the map page, the list and /resultats.</summary>
[Collection(SeededAppCollection.Name)]
public partial class ResultsPagesTests(SeededApp app)
{
    private async Task<string> GetHtmlAsync(string url)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/?commune=59350&action=hebergement&portee=locale")]
    [InlineData("/resultats?commune=59350&action=hebergement&portee=locale")]
    [InlineData("/liste?commune=59350&action=hebergement&portee=locale")]
    public async Task An_empty_search_offers_the_filter_removals_that_find_help_and_the_national_lines(string url)
    {
        var html = await GetHtmlAsync(url);
        var path = url.StartsWith("/liste", StringComparison.Ordinal) ? "/liste" : "/";

        Assert.Contains("Aucune structure ne correspond à vos critères autour de Lille", html, StringComparison.Ordinal);
        // Without « locale », two national structures that shelter (Droit d'Enfance, Koutcha) serve the Nord;
        // without « hébergement », no local structure serves Lille either: that removal is not offered.
        Assert.Contains($"<a href=\"{path}?action=hebergement&commune=59350#resultats-titre\">Retirer le filtre « Portée : Locale » (2 structures)</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Retirer le filtre « Action", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{path}?commune=59350#resultats-titre\">Retirer tous les filtres</a>", html, StringComparison.Ordinal);
        Assert.Contains("/liste?nature=ligne-ecoute&portee=nationale", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_widening_link_finds_something()
    {
        var html = await GetHtmlAsync("/resultats?commune=59350&action=hebergement&portee=locale");
        var links = WideningLink().Matches(html).Select(m => m.Groups["href"].Value.Split('#')[0]).ToList();

        Assert.Equal(2, links.Count);
        foreach (var link in links)
        {
            var widened = await GetHtmlAsync(link);
            Assert.Contains("class=\"resultat\"", widened, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_search_that_finds_help_offers_no_widening()
    {
        var html = await GetHtmlAsync("/resultats?commune=68224");

        Assert.DoesNotContain("class=\"elargir\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_structure_of_the_searched_commune_is_in_the_commune_and_others_are_whole_kilometres_away()
    {
        var html = await GetHtmlAsync("/resultats?commune=68224");

        Assert.Matches(@"Mouvement du Nid du Haut-Rhin</a>\s*<span class=""resultat-distance"">dans la commune</span>", html);
        Assert.DoesNotMatch(@"resultat-distance"">[^<]*\d,\d", html);
    }

    [Fact]
    public async Task From_another_commune_the_distance_is_approximate_in_whole_kilometres()
    {
        var html = await GetHtmlAsync("/resultats?commune=68066");

        // Colmar's centre to Mulhouse's: 40.4 km by the API (distance_km), « ≈ 40 km » for a person.
        using var nearby = await app.Client.GetJsonAsync("/api/structures/nearby?commune=68066&limit=1");
        Assert.Equal("40.4", nearby.Features().Single().Prop("distance_km"));
        Assert.Matches("Mouvement du Nid du Haut-Rhin</a>\\s*<span class=\"resultat-distance\">≈\u00A040\u00A0km</span>", html);
    }

    [Fact]
    public async Task An_ambiguous_commune_name_is_told_apart_by_its_departement_and_the_others_are_offered()
    {
        var html = await GetHtmlAsync("/resultats?commune=Saint-Denis&saisie=1");

        Assert.Matches(@"\d+ structures peuvent aider autour de Saint-Denis \(974\)", html);
        Assert.Contains("Plusieurs communes s'appellent Saint-Denis.", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/?commune=93066#resultats-titre\">Saint-Denis – Seine-Saint-Denis (93)</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commune_with_a_unique_name_is_named_alone_with_elision()
    {
        var html = await GetHtmlAsync("/?commune=80021");

        Assert.Contains("<title>Structures autour d'Amiens – Carte – Réseau PARÉ</title>", html, StringComparison.Ordinal);
        Assert.Matches(@"\d+ structures peuvent aider autour d'Amiens<", html);
    }

    [Fact]
    public async Task A_structure_never_confirmed_says_so_and_shows_no_technical_date()
    {
        var structure = await app.Client.GetJsonAsync("/api/structures?q=Mouvement%20du%20Nid%20du%20Haut-Rhin");
        var url = structure.Features().Single().Prop("url");

        var html = await GetHtmlAsync(url);

        Assert.Contains("Informations non encore confirmées", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mise à jour", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("68", "<strong>1 structure locale ou départementale intervient</strong> dans ce département")]
    [InlineData("69", "<strong>6 structures locales ou départementales interviennent</strong> dans ce département")]
    public async Task The_departement_page_agrees_its_verbs(string code, string sentence)
    {
        var html = await GetHtmlAsync($"/departements/{code}");

        Assert.Contains(sentence, html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<li><a href=\"(?<href>[^\"]+)\">Retirer[^<]*</a></li>")]
    private static partial Regex WideningLink();
}
