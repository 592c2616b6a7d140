using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>« Who can help near here? »: a place typed in #recherche-lieu reorders the list around it.</summary>
public sealed class SearchTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const string MulhouseInsee = "68224";
    private const string NidHautRhin = "Mouvement du Nid du Haut-Rhin";

    private static readonly string[] GroupOrder = ["local", "proche", "reseau"];

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
        await Expect(first.Locator(".resultat-distance")).ToHaveTextAsync(new Regex(@"(^|\s)0,0[\s\u00A0\u202F]km\b"));

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
    }
}
