using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>
/// The map page on a phone (390 × 844, issue 12): a search lands on the results, the map and the first result come
/// within the second screen, the emergency numbers are real tap targets, the sticky quick-exit bar covers nothing,
/// distances carry no false precision, an empty or ambiguous search offers a way on, the open legend leaves the map.
/// </summary>
public sealed class PhoneTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private const string AmiensInsee = "80021";
    private const string MulhouseInsee = "68224";
    private const string ColmarInsee = "68066";
    private const string LilleInsee = "59350";
    private const string SaintDenisReunionInsee = "97411";
    private const string SaintDenisSeineInsee = "93066";
    private const string NidHautRhin = "Mouvement du Nid du Haut-Rhin";

    /// <summary>The smallest tap target the issue asks for (WCAG 2.5.5), in CSS pixels.</summary>
    private const float MinTarget = 44;

    /// <summary>« ≈ 12 km », in whole kilometres, with a no-break space after « ≈ » and before « km ».</summary>
    private static readonly Regex ApproximateKm = new("^≈\u00A0(?<km>[0-9]+)\u00A0km$");

    protected override bool Phone => true;

    [Fact]
    public async Task A_commune_typed_then_Enter_lands_on_the_results_below_the_quick_exit_bar()
    {
        var around = await AroundAsync($"commune={AmiensInsee}");
        Assert.Equal("Amiens", around.CommuneName);

        await OpenAsync("/");
        var input = Page.Locator("#recherche-lieu");
        await input.PressSequentiallyAsync("Amiens", new() { Delay = 30 });
        await Expect(Page.Locator("#recherche-suggestions [role=option]").First).ToContainTextAsync("Amiens");
        await input.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex($"[?&]commune={AmiensInsee}(&|$)"));
        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(AroundCountText(around.Count, "autour d'Amiens"));
        await Expect(Page.Locator("#resultats-titre")).ToBeFocusedAsync();

        // The title sits at the top of the screen, just below the sticky bar, and the first result starts on screen.
        var (bar, title, first) = await EventuallyAsync(
            async () => (await BoxAsync(".sortie"), await BoxAsync("#resultats-titre"), await BoxAsync("li.resultat")),
            boxes => boxes.Item2.Y >= Bottom(boxes.Item1) && boxes.Item2.Y < PhoneHeight && boxes.Item3.Y < PhoneHeight);
        Output.WriteLine($"After the search: bar bottom {Bottom(bar)}, #resultats-titre top {title.Y}, first result top {first.Y}, scrollY {await ScrollYAsync()}.");
        Assert.True(bar.Y >= -0.5 && bar.Y <= 0.5, $"The quick-exit bar should stick to the top of the screen, its top is at {bar.Y} px.");
        Assert.True(title.Y >= Bottom(bar) && title.Y < PhoneHeight,
            $"#resultats-titre should be on screen below the quick-exit bar (bottom {Bottom(bar)} px): its top is at {title.Y} px.");
        Assert.True(first.Y >= Bottom(bar) && first.Y < PhoneHeight,
            $"The first result should start on screen, below the quick-exit bar (bottom {Bottom(bar)} px): its top is at {first.Y} px.");
    }

    [Fact]
    public async Task On_first_load_the_map_and_the_first_result_are_within_the_second_screen()
    {
        await OpenAsync("/");
        await Expect(Page.Locator("li.resultat").First).ToBeVisibleAsync();
        Assert.Equal(0, await ScrollYAsync());

        var map = await BoxAsync("#map");
        var first = await BoxAsync("li.resultat");
        Output.WriteLine($"On load: #map top {map.Y} px (height {map.Height}), first result top {first.Y} px, page height {await Page.EvaluateAsync<int>("() => document.documentElement.scrollHeight")} px.");
        Assert.True(map.Y < 2 * PhoneHeight, $"The map should start within the second screen (< {2 * PhoneHeight} px): it starts at {map.Y} px.");
        Assert.True(first.Y < 2 * PhoneHeight, $"The first result should start within the second screen (< {2 * PhoneHeight} px): it starts at {first.Y} px.");
        Assert.True(first.Y > map.Y, "On a phone the list comes after the map.");
    }

    [Fact]
    public async Task Every_emergency_number_is_a_tap_target_of_at_least_44_px_and_114_is_an_sms_link()
    {
        await OpenAsync("/");

        var links = Page.Locator("#urgences a");
        string[] expected = ["tel:17", "tel:112", "sms:114", "tel:119", "tel:116000", "tel:3018", "tel:3020", "tel:0805802804"];
        await Expect(links).ToHaveCountAsync(expected.Length);
        var hrefs = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(expected, hrefs);
        await Expect(Page.Locator("#urgences a[href='sms:114']")).ToContainTextAsync("114");

        foreach (var href in expected)
        {
            var link = Page.Locator($"#urgences a[href='{href}']");
            await Expect(link).ToBeVisibleAsync();
            var box = await link.BoundingBoxAsync() ?? throw new InvalidOperationException($"{href} has no box.");
            Output.WriteLine($"{href}: {box.Width} × {box.Height} px");
            Assert.True(box.Width >= MinTarget && box.Height >= MinTarget,
                $"The {href} link is {box.Width} × {box.Height} px, under {MinTarget} × {MinTarget}.");
        }
    }

    [Fact]
    public async Task The_quick_exit_button_covers_neither_the_logo_nor_the_focused_skip_link_also_once_scrolled()
    {
        await OpenAsync("/");
        var skipLink = Page.Locator(".sortie .lien-evitement");
        await AssertExitOnScreenAsync("on load");
        await AssertApartAsync("#quitter", ".marque", "on load");

        for (var i = 0; i < 5 && !await skipLink.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }
        await Expect(skipLink).ToBeFocusedAsync();
        await Expect(skipLink).ToHaveAttributeAsync("href", "#contenu");

        await AssertApartAsync("#quitter", ".marque", "on load, skip link focused");
        await AssertApartAsync("#quitter", ".sortie .lien-evitement", "on load, skip link focused");
        await AssertExitOnScreenAsync("on load, skip link focused");

        await Page.EvaluateAsync("() => window.scrollTo(0, 600)");
        Assert.Equal(600, await EventuallyAsync(ScrollYAsync, y => y == 600));
        await Expect(skipLink).ToBeFocusedAsync();

        // Sticky: the bar and its button stay at the top of the screen, the skip link beside the button.
        await AssertExitOnScreenAsync("scrolled 600 px down, skip link focused");
        await AssertApartAsync("#quitter", ".marque", "scrolled 600 px down");
        await AssertApartAsync("#quitter", ".sortie .lien-evitement", "scrolled 600 px down, skip link focused");
    }

    /// <summary>
    /// In the seed, the Haut-Rhin Nid is the only structure near Mulhouse with a position (the others are national,
    /// listed without a distance): searched from Mulhouse it is « dans la commune », from Colmar « ≈ 40 km ».
    /// </summary>
    [Fact]
    public async Task A_structure_is_dans_la_commune_from_its_own_commune_and_about_n_km_from_another()
    {
        var mulhouse = await AroundAsync($"commune={MulhouseInsee}");
        var colmar = await AroundAsync($"commune={ColmarInsee}");
        Assert.Equal(MulhouseInsee, mulhouse.Features.Single(IsNid).GetProperty("code_commune").GetString());

        await OpenAsync("/");
        await SearchByChoosingAsync("Mulhouse", mulhouse);
        var nidLine = Page.Locator("li.resultat").Filter(new()
        {
            Has = Page.Locator(".resultat-nom", new() { HasTextRegex = new Regex($"^{Regex.Escape(NidHautRhin)}$") }),
        });
        await Expect(nidLine.Locator(".resultat-distance")).ToHaveTextAsync("dans la commune");
        await AssertDistancesAsync(MulhouseInsee, mulhouse);

        await Page.Locator("#recherche-lieu").ClearAsync();
        await SearchByChoosingAsync("Colmar", colmar);
        await Expect(nidLine.Locator(".resultat-distance")).ToHaveTextAsync(new Regex(@"^≈\s[0-9]+\skm$"));
        var approximate = await AssertDistancesAsync(ColmarInsee, colmar);
        Assert.Contains(approximate, line => line.Name == NidHautRhin);
    }

    [Fact]
    public async Task An_empty_search_offers_to_remove_a_filter_and_that_link_finds_structures()
    {
        var empty = await AroundAsync($"commune={LilleInsee}&action=hebergement&portee=locale");
        Assert.Equal(0, empty.Count);
        var widened = await AroundAsync($"commune={LilleInsee}&action=hebergement");
        Assert.True(widened.Count > 0, "Without the scope filter, the search around Lille should find a structure.");

        await OpenAsync($"/?commune={LilleInsee}&action=hebergement&portee=locale");

        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync($"Aucune structure ne correspond à vos critères autour de {empty.CommuneName}");
        await Expect(Page.Locator("li.resultat")).ToHaveCountAsync(0);
        var withoutAction = await AroundAsync($"commune={LilleInsee}&portee=locale");
        Assert.Equal(0, withoutAction.Count);
        var widenings = Page.Locator(".elargir ul a");
        // Only the removals that find help are offered, with how many structures they find.
        await Expect(widenings).ToHaveTextAsync([
            $"Retirer le filtre « Portée : Locale » ({StructureCount(widened.Count).ToLowerInvariant()})",
            "Retirer tous les filtres",
            "Voir les lignes d'écoute nationales, joignables partout",
        ]);

        await widenings.First.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"[?&]commune={LilleInsee}(&|#|$)"));
        Assert.DoesNotContain("portee=", Page.Url, StringComparison.Ordinal);
        Assert.Contains("action=hebergement", Page.Url, StringComparison.Ordinal);
        await Expect(Page.Locator("#filtre-portee")).ToHaveValueAsync("");
        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(AroundCountText(widened.Count, $"autour de {empty.CommuneName}"));
        await Expect(Page.Locator("li.resultat")).ToHaveCountAsync(widened.Count);
        await Expect(Page.Locator(".elargir")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_ambiguous_commune_name_names_its_departement_and_offers_the_others()
    {
        var reunion = await AroundAsync($"commune={SaintDenisReunionInsee}");
        var seine = await AroundAsync($"commune={SaintDenisSeineInsee}");
        Assert.Equal("Saint-Denis", reunion.CommuneName);
        Assert.Equal("Saint-Denis", seine.CommuneName);

        await OpenAsync("/");
        var input = Page.Locator("#recherche-lieu");
        await input.PressSequentiallyAsync("Saint-Denis", new() { Delay = 30 });
        await Expect(Page.Locator("#recherche-suggestions [role=option]").First).ToContainTextAsync("Saint-Denis");
        await input.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Regex($"[?&]commune={SaintDenisReunionInsee}(&|$)"));
        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(AroundCountText(reunion.Count, "autour de Saint-Denis (974)"));
        await Expect(Page.Locator("#resultats-titre")).ToBeFocusedAsync();
        var other = Page.Locator(".autres-communes a", new() { HasTextString = "Seine-Saint-Denis (93)" });
        await Expect(other).ToHaveTextAsync("Saint-Denis – Seine-Saint-Denis (93)");

        await other.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"[?&]commune={SaintDenisSeineInsee}(&|#|$)"));
        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(AroundCountText(seine.Count, "autour de Saint-Denis (93)"));
        await Expect(Page.Locator("li.resultat")).ToHaveCountAsync(seine.Count);
    }

    [Fact]
    public async Task The_open_legend_hides_less_than_half_of_the_map()
    {
        await OpenAsync("/");
        var legend = Page.Locator(".map-legend");
        await Expect(legend).ToBeVisibleAsync();
        await Expect(legend).Not.ToHaveAttributeAsync("open", "");

        await legend.Locator("summary").ClickAsync();

        await Expect(legend).ToHaveAttributeAsync("open", "");
        // Measured once the legend has its content: the colour classes, drawn with the départements.
        await Expect(legend.Locator(".map-legend-case").First).ToBeVisibleAsync();
        var map = await BoxAsync("#map");
        var box = await BoxAsync(".map-legend");
        Output.WriteLine($"Open legend: {box.Width} × {box.Height} px on a map of {map.Width} × {map.Height} px.");
        Assert.True(box.Height < map.Height / 2,
            $"The open legend is {box.Height} px high, {box.Height / map.Height:P0} of the map's {map.Height} px: it should take less than half.");
    }

    /// <summary>Types a commune's name, clicks its suggestion and waits for the server's list of the API's search.</summary>
    private async Task SearchByChoosingAsync(string name, Around around)
    {
        await Page.Locator("#recherche-lieu").PressSequentiallyAsync(name, new() { Delay = 30 });
        var option = Page.Locator("#recherche-suggestions [role=option]").First;
        await Expect(option).ToContainTextAsync(name);
        await option.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"[?&]commune={around.CommuneCode}(&|$)"));
        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(AroundCountText(around.Count, $"autour de {around.CommuneName}"));
        await Expect(Page.Locator("li.resultat")).ToHaveCountAsync(around.Count);
    }

    /// <summary>
    /// Every distance shown agrees with the API's: none for a structure without a position, « dans la commune »
    /// exactly for the structures of the searched commune, else the distance in whole kilometres, at least 1 (the API
    /// rounds to 0.1 km, hence the 0.55 margin). Returns the lines shown « ≈ n km ».
    /// </summary>
    private async Task<List<(string Name, string Label)>> AssertDistancesAsync(string communeCode, Around around)
    {
        var lines = await Page.Locator("li.resultat").EvaluateAllAsync<string[][]>("""
            items => items.map(i => [i.querySelector('.resultat-nom').textContent.trim(), i.querySelector('.resultat-distance')?.textContent.trim() ?? ''])
            """);
        Assert.Equal(around.Features.Select(p => p.GetProperty("nom").GetString()), lines.Select(l => l[0]));
        var approximate = new List<(string, string)>();
        foreach (var (properties, line) in around.Features.Zip(lines))
        {
            var (name, label) = (line[0], line[1]);
            if (!properties.TryGetProperty("distance_km", out var distance))
            {
                Assert.True(label.Length == 0, $"{name} has no distance in the API but shows « {label} ».");
            }
            else if (properties.TryGetProperty("code_commune", out var code) && code.GetString() == communeCode)
            {
                Assert.Equal("dans la commune", label);
            }
            else
            {
                var match = ApproximateKm.Match(label);
                Assert.True(match.Success, $"{name} ({distance.GetDouble()} km away) should show « ≈ n km » with no-break spaces, it shows « {label} ».");
                var km = int.Parse(match.Groups["km"].Value, CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(km - Math.Max(1, distance.GetDouble())) <= 0.55, $"{name} is {distance.GetDouble()} km away, shown as « {label} ».");
                approximate.Add((name, label));
            }
        }
        return approximate;
    }

    private static bool IsNid(JsonElement properties) => properties.GetProperty("nom").GetString() == NidHautRhin;

    /// <summary>The count line of a help search: « Aucune structure ne correspond… », « 1 structure peut aider… », « 14 structures peuvent aider… ».</summary>
    private static string AroundCountText(int count, string around) => count switch
    {
        0 => $"Aucune structure ne correspond à vos critères {around}",
        1 => $"1 structure peut aider {around}",
        _ => $"{count} structures peuvent aider {around}",
    };

    private sealed record Around(string CommuneCode, string CommuneName, IReadOnlyList<JsonElement> Features)
    {
        public int Count => Features.Count;
    }

    /// <summary>The help search of the API for this query: the commune it names and the properties of its features, in display order.</summary>
    private async Task<Around> AroundAsync(string query)
    {
        using var response = await App.Http.GetAsync(new Uri($"api/structures/around?{query}", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET /api/structures/around?{query} answered {(int)response.StatusCode}.");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var commune = root.GetProperty("commune");
        return new Around(
            commune.GetProperty("code").GetString()!,
            commune.GetProperty("nom").GetString()!,
            [.. root.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").Clone())]);
    }

    /// <summary>The box of the first element matching the selector, in CSS pixels from the top left of the screen.</summary>
    private async Task<LocatorBoundingBoxResult> BoxAsync(string selector) =>
        await Page.Locator(selector).First.BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} has no box (not displayed).");

    private Task<int> ScrollYAsync() => Page.EvaluateAsync<int>("() => Math.round(window.scrollY)");

    /// <summary>The bar at the top of the screen, #quitter whole within it and within the screen's width (no sideways scrolling).</summary>
    private async Task AssertExitOnScreenAsync(string when)
    {
        var bar = await BoxAsync(".sortie");
        var exit = await BoxAsync("#quitter");
        var pageWidth = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(bar.Y >= -0.5 && bar.Y <= 0.5, $"The quick-exit bar should be at the top of the screen, {when}: {Describe(bar)}.");
        Assert.True(exit.Y >= bar.Y && Bottom(exit) <= Bottom(bar) + 0.5 && exit.X >= 0 && exit.X + exit.Width <= PhoneWidth,
            $"#quitter should be whole on screen within the bar, {when}: #quitter {Describe(exit)}, bar {Describe(bar)}, screen {PhoneWidth} px wide.");
        Assert.True(pageWidth <= PhoneWidth, $"The page should not scroll sideways, {when}: it is {pageWidth} px wide on a {PhoneWidth} px screen.");
    }

    private async Task AssertApartAsync(string a, string b, string when)
    {
        var first = await BoxAsync(a);
        var second = await BoxAsync(b);
        var overlap = first.X < second.X + second.Width && second.X < first.X + first.Width
            && first.Y < second.Y + second.Height && second.Y < first.Y + first.Height;
        Assert.False(overlap, $"{a} ({Describe(first)}) overlaps {b} ({Describe(second)}), {when}.");
    }

    private static float Bottom(LocatorBoundingBoxResult box) => box.Y + box.Height;

    private static string Describe(LocatorBoundingBoxResult box) =>
        FormattableString.Invariant($"x {box.X:0.#}, y {box.Y:0.#}, {box.Width:0.#} × {box.Height:0.#} px");
}
