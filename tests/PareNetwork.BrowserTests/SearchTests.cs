using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>« Who can help near here? »: a place typed in #recherche-lieu reorders the list around it.</summary>
public sealed class SearchTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const string MulhouseInsee = "68224";
    private const string NidHautRhin = "Mouvement du Nid du Haut-Rhin";

    private static readonly string[] GroupOrder = ["local", "proche", "reseau"];

    /// <summary>A precise position in Mulhouse, as a phone would give it.</summary>
    private const double Latitude = 47.748973, Longitude = 7.325311;

    [Theory]
    [InlineData("Mulhouse", false)]
    [InlineData("68100", true)]
    public async Task Searching_Mulhouse_lists_the_Haut_Rhin_structure_first_then_the_wider_network(string typed, bool pressEnter)
    {
        var around = await App.FeaturesAsync($"api/structures/around?commune={MulhouseInsee}");
        var expectedNames = around.Select(f => f.GetProperty("properties").GetProperty("nom").GetString()!).ToList();
        var expectedGroups = around.Select(f => f.GetProperty("properties").GetProperty("groupe").GetString()!).ToList();
        Assert.Equal(NidHautRhin, expectedNames[0]);

        await OpenAsync("/");
        await Page.Locator("#recherche-lieu").PressSequentiallyAsync(typed, new() { Delay = 30 });
        var firstOption = Page.Locator("#recherche-suggestions [role=option]").First;
        await Expect(firstOption).ToContainTextAsync("Mulhouse");
        if (pressEnter)
        {
            await Page.Locator("#recherche-lieu").PressAsync("Enter");
        }
        else
        {
            await firstOption.ClickAsync();
        }

        var first = Page.Locator("li.resultat").First;
        await Expect(first.Locator(".resultat-nom")).ToHaveTextAsync(NidHautRhin);
        await Expect(first).ToHaveAttributeAsync("data-groupe", "local");
        // Placed at the centre of the searched commune: no false « 0,0 km ».
        await Expect(first.Locator(".resultat-distance")).ToHaveTextAsync("dans la commune");

        await Expect(Page.Locator("li.resultat")).ToHaveCountAsync(expectedNames.Count);
        var names = (await Page.Locator("li.resultat .resultat-nom").AllInnerTextsAsync()).Select(n => n.Trim()).ToList();
        Assert.Equal(expectedNames, names);
        var groups = await Page.Locator("li.resultat").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.groupe ?? '')");
        Assert.Equal(expectedGroups, groups);

        var ranks = groups.Select(g => Array.IndexOf(GroupOrder, g)).ToList();
        Assert.Contains(0, ranks);
        Assert.Contains(2, ranks);
        Assert.True(ranks.Zip(ranks.Skip(1)).All(pair => pair.First <= pair.Second),
            $"Local structures must come before the nearby ones, then the network: {string.Join(", ", groups)}.");

        // The script writes the group headings the server writes (the list page, without a script of its own for them).
        var headings = await Page.Locator("li.resultats-groupe h3").AllInnerTextsAsync();
        Assert.Contains("Dans le département : Haut-Rhin (68)", headings);
        await OpenAsync($"/liste?commune={MulhouseInsee}");
        Assert.Equal(await Page.Locator("li.resultats-groupe h3").AllInnerTextsAsync(), headings);
    }

    /// <summary>
    /// "Autour de moi" asks for the position only when pressed, and sends it rounded to 2 decimals (about 1 km):
    /// the exact position must not end up in a URL, a server log or a cache.
    /// </summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/liste")]
    public async Task Autour_de_moi_sends_only_a_position_rounded_to_about_a_kilometre(string page)
    {
        var sent = new ConcurrentQueue<string>();
        Page.Request += (_, request) => sent.Enqueue(request.Url);
        await Context.SetGeolocationAsync(new Geolocation { Latitude = (float)Latitude, Longitude = (float)Longitude });
        await Context.GrantPermissionsAsync(["geolocation"]);

        await OpenAsync(page);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain(sent, url => url.Contains("lat=", StringComparison.Ordinal));

        await Page.Locator("#autour-de-moi").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"[?&]commune={MulhouseInsee}(&|$)"));
        await Expect(Page.Locator("li.resultat").First.Locator(".resultat-nom")).ToHaveTextAsync(NidHautRhin);
        Assert.DoesNotMatch("[?&](lat|lon)=", Page.Url);
        var positions = sent.Select(url => QueryHelpers.ParseQuery(new Uri(url).Query))
            .Where(query => query.ContainsKey("lat") || query.ContainsKey("lon"))
            .ToList();
        Assert.NotEmpty(positions);
        foreach (var query in positions)
        {
            Assert.Matches(@"^-?\d{1,3}(\.\d{1,2})?$", query["lat"].ToString());
            Assert.Matches(@"^-?\d{1,3}(\.\d{1,2})?$", query["lon"].ToString());
            Assert.Equal(Math.Round(Latitude, 2), double.Parse(query["lat"]!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(Longitude, 2), double.Parse(query["lon"]!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
