using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>What protects a young person using the site: the quick exit, the emergency numbers, the secret addresses.</summary>
public sealed class SafetyTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const string NidHautRhin = "Mouvement du Nid du Haut-Rhin";

    public static TheoryData<string> Pages => ["/", "/liste", "/departements/68", NidHautRhin];

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
    public async Task Emergency_numbers_are_visible(string page)
    {
        await OpenAsync(await ResolveAsync(page));

        foreach (var number in new[] { "119", "116000", "3018", "3020", "0805802804" })
        {
            await Expect(Page.Locator($"#urgences a[href=\"tel:{number}\"]")).ToBeVisibleAsync();
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
}
