using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>What protects a young person using the site: the quick exit, the emergency numbers, the secret addresses.</summary>
public sealed class SafetyTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const string NidHautRhin = "Mouvement du Nid du Haut-Rhin";

    /// <summary>
    /// Every kind of page — a path, or the exact name of a published structure (its page) — with the status it answers;
    /// the base class fails on any script error or CSP violation. The accessibility scans use the same list.
    /// </summary>
    public static TheoryData<string, int> Pages => new()
    {
        { "/", 200 },
        { "/?commune=68224", 200 },
        { "/liste", 200 },
        { "/liste?commune=68224", 200 },
        { "/departements/68", 200 },
        { NidHautRhin, 200 },
        { "/discretion", 200 },
        { "/adhesion", 200 },
        { "/contribuer", 200 },
        { "/ressources", 200 },
        { "/ressources?type=ressource&annee=2023", 200 },
        { "/ressources/9/violences-sexuelles-entre-mineurs-agir-prevenir-guerir", 200 },
        { "/agenda", 200 },
        { "/agenda/archives", 200 },
        { "/agenda/1/webinaire-pare-echange-de-pratiques-france-belgique-et-quebec", 200 },
        { "/page-inexistante", 404 },
    };

    [Fact]
    public async Task Quick_exit_leaves_for_the_weather_site_and_removes_the_page_from_history()
    {
        await Page.RouteAsync("https://www.meteofrance.com/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = "<!DOCTYPE html><html lang=\"fr\"><title>sortie</title><p>sortie</p></html>",
        }));
        await Page.GotoAsync("about:blank");
        await OpenAsync("/");

        await Page.Locator("#quitter").ClickAsync();
        await Page.WaitForURLAsync(new Regex("^https://www\\.meteofrance\\.com(/|$)"));
        await Expect(Page.Locator("body")).ToHaveTextAsync("sortie");

        await Page.GoBackAsync();
        Assert.Equal("about:blank", Page.Url);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Emergency_numbers_are_visible(string page, int status)
    {
        await OpenAsync(await ResolveAsync(page), status);

        foreach (var href in new[] { "tel:17", "tel:112", "sms:114", "tel:119", "tel:116000", "tel:3018", "tel:3020", "tel:0805802804" })
        {
            await Expect(Page.Locator($"#urgences a[href=\"{href}\"]")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task A_confidential_structure_page_shows_no_map_and_says_the_address_is_confidential()
    {
        var confidential = (await App.FeaturesAsync("api/structures"))
            .Select(f => f.GetProperty("properties"))
            .Where(p => p.GetProperty("confidentiel").GetBoolean())
            .ToList();
        Assert.NotEmpty(confidential);
        var structure = confidential.FirstOrDefault(p => p.GetProperty("nom").GetString() == "L'Ilot", confidential[0]);
        var name = structure.GetProperty("nom").GetString()!;

        await OpenAsync(structure.GetProperty("url").GetString()!);

        await Expect(Page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(Page.Locator("#structure-carte")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".leaflet-container")).ToHaveCountAsync(0);
        await Expect(Page.Locator("main")).ToContainTextAsync(new Regex("confidentiel", RegexOptions.IgnoreCase));
    }

    /// <summary>The control of the test above: a located structure's page does show its map.</summary>
    [Fact]
    public async Task A_located_structure_page_shows_its_map()
    {
        await OpenAsync(await ResolveAsync(NidHautRhin));

        await Expect(Page.Locator("h1")).ToHaveTextAsync(NidHautRhin);
        await Expect(Page.Locator("#structure-carte")).ToBeVisibleAsync();
    }

    /// <summary>
    /// A link to another site gives it neither the page it comes from nor a handle on it (rel="noopener noreferrer"),
    /// and a structure's website becomes a link only when it is an http(s) address.
    /// </summary>
    [Fact]
    public async Task External_links_carry_noopener_noreferrer_and_only_web_addresses_are_links()
    {
        var problems = new List<string>();
        foreach (var page in new[] { "/", "/liste", NidHautRhin, "Violences, parlons-en" })
        {
            await OpenAsync(await ResolveAsync(page));
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var found = await Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('a[href]')].flatMap(a => {
                  const rel = (a.getAttribute('rel') || '').split(/\s+/);
                  const safeRel = rel.includes('noopener') && rel.includes('noreferrer');
                  const url = new URL(a.getAttribute('href'), document.baseURI);
                  const out = [];
                  if (!['http:', 'https:', 'tel:', 'mailto:', 'sms:'].includes(url.protocol)) out.push(`unexpected scheme: ${a.outerHTML}`);
                  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== location.origin && !safeRel) out.push(`external link without rel="noopener noreferrer": ${a.outerHTML}`);
                  if (a.target === '_blank' && !safeRel) out.push(`target=_blank without rel="noopener noreferrer": ${a.outerHTML}`);
                  return out;
                })
                """);
            problems.AddRange(found.Select(p => $"{page}: {p}"));
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        await Expect(Page.Locator("a.lien-complet[href^=\"https://\"]")).ToHaveCountAsync(1);
    }
}
