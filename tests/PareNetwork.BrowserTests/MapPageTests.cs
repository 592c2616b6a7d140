using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>The home page: the map, the result list and the filters that drive both.</summary>
public sealed class MapPageTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    /// <summary>The list shows at most this many structures.</summary>
    private const int ListLimit = 200;

    [Fact]
    public async Task Map_draws_the_departements_choropleth_its_legend_and_markers_without_tiles()
    {
        await OpenAsync("/");

        var areas = Page.Locator("#map path.departement-area");
        var areaCount = await EventuallyAsync(areas.CountAsync, n => n >= 90);
        Assert.True(areaCount >= 90, $"Expected at least 90 département areas on #map, found {areaCount}.");
        await Expect(Page.Locator(".map-legend")).ToBeVisibleAsync();

        var markers = Page.Locator("#map .leaflet-marker-icon");
        var markerCount = await EventuallyAsync(markers.CountAsync, n => n > 0);
        Assert.True(markerCount > 0, "Expected structure markers or clusters (.leaflet-marker-icon) on #map, found none.");
    }

    /// <summary>
    /// The choropleth counts local structures: on the test seed, 88 départements have none (the Creuse among them) and get a
    /// class of their own, hatched, with its legend entry; the Rhône (six local structures) is coloured on the scale.
    /// </summary>
    [Fact]
    public async Task Departements_without_a_local_structure_get_the_hatched_class_of_the_legend()
    {
        var withoutLocal = (await App.FeaturesAsync("api/departements"))
            .Where(f => f.GetProperty("properties").GetProperty("structures_locales").GetInt32() == 0)
            .Select(f => f.GetProperty("properties").GetProperty("code").GetString())
            .ToList();
        Assert.Equal(88, withoutLocal.Count);
        Assert.Contains("23", withoutLocal);

        await OpenAsync("/");

        var legend = Page.Locator(".map-legend");
        await Expect(legend).ToHaveAttributeAsync("open", "");
        var entry = legend.Locator("li.map-legend-sans-local");
        await Expect(entry).ToHaveTextAsync("Aucune structure locale");
        var swatch = await entry.Locator(".map-legend-case-sans-local").EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage");
        Assert.StartsWith("repeating-linear-gradient(", swatch, StringComparison.Ordinal);
        await Expect(legend.Locator(".map-legend-titre").First).ToHaveTextAsync("Structures locales ou départementales");
        await Expect(legend.Locator(".map-legend-reseau")).ToHaveTextAsync("+ 13 structures nationales accessibles partout et 2 structures régionales, chacune dans sa région");

        var creuse = Page.Locator("#map path.departement-area[data-departement='23']");
        var rhone = Page.Locator("#map path.departement-area[data-departement='69']");
        await Expect(creuse).ToHaveClassAsync(new Regex(@"\bdepartement-sans-local\b"));
        await Expect(rhone).Not.ToHaveClassAsync(new Regex(@"\bdepartement-sans-local\b"));
        Assert.Equal("url(\"#motif-sans-local\")", await creuse.EvaluateAsync<string>("e => getComputedStyle(e).fill"));
        Assert.StartsWith("rgb(", await rhone.EvaluateAsync<string>("e => getComputedStyle(e).fill"), StringComparison.Ordinal);
        var marked = await Page.Locator("#map path.departement-sans-local").EvaluateAllAsync<string[]>("paths => paths.map(p => p.dataset.departement)");
        Assert.Equal(withoutLocal.Order(StringComparer.Ordinal), marked.Order(StringComparer.Ordinal));

        await creuse.ClickAsync();
        var popup = Page.Locator(".leaflet-popup .popup");
        await Expect(popup.Locator(".popup-titre")).ToHaveTextAsync("Creuse (23)");
        await Expect(popup.Locator(".popup-sans-local")).ToHaveTextAsync("Aucune structure locale recensée dans ce département — les lignes nationales restent joignables.");
        await Expect(popup).ToContainTextAsync("S'y ajoutent 13 structures nationales, accessibles partout.");
    }

    [Fact]
    public async Task Result_list_counts_and_shows_every_published_structure()
    {
        var published = (await App.FeaturesAsync("api/structures")).Select(Name).ToList();
        Assert.NotEmpty(published);

        await OpenAsync("/");

        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(StartsWith(StructureCount(published.Count)));
        await Expect(Page.Locator("li.resultat")).ToHaveCountAsync(Math.Min(published.Count, ListLimit));
        if (published.Count <= ListLimit)
        {
            var listed = await Page.Locator("li.resultat a.resultat-nom").AllInnerTextsAsync();
            Assert.Equal(published.Order(StringComparer.Ordinal), listed.Select(n => n.Trim()).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Action_filter_narrows_the_list_and_the_markers_to_the_api_answer_and_goes_into_the_url()
    {
        var all = (await App.FeaturesAsync("api/structures")).Count;
        var lodgingFeatures = await App.FeaturesAsync("api/structures?action=hebergement");
        var lodging = lodgingFeatures.Select(Name).ToList();
        var lodgingOnMap = lodgingFeatures.Count(f => f.GetProperty("geometry").ValueKind == JsonValueKind.Object);
        Assert.InRange(lodging.Count, 1, all - 1);

        await OpenAsync("/");
        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(StartsWith(StructureCount(all)));
        var markersBefore = await EventuallyAsync(StructuresOnMapAsync, n => n > 0);
        Assert.True(markersBefore > 0, "No structure is drawn on the map before filtering.");

        await Page.Locator("#filtre-action").SelectOptionAsync("hebergement");

        await Expect(Page).ToHaveURLAsync(new Regex("[?&]action=hebergement(&|$)"));
        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(StartsWith(StructureCount(lodging.Count)));
        await Expect(Page.Locator("li.resultat")).ToHaveCountAsync(lodging.Count);
        var listed = await Page.Locator("li.resultat a.resultat-nom").AllInnerTextsAsync();
        Assert.Equal(lodging.Order(StringComparer.Ordinal), listed.Select(n => n.Trim()).Order(StringComparer.Ordinal));

        var markersAfter = await EventuallyAsync(StructuresOnMapAsync, n => n < markersBefore && n <= lodgingOnMap);
        Assert.True(markersAfter < markersBefore && markersAfter <= lodgingOnMap,
            $"The map should draw fewer structures once filtered, and at most the {lodgingOnMap} located ones of the filter: {markersBefore} before, {markersAfter} after.");
    }

    [Fact]
    public async Task A_shared_filtered_url_opens_with_the_filter_applied()
    {
        var lodging = (await App.FeaturesAsync("api/structures?action=hebergement")).Count;

        await OpenAsync("/?action=hebergement");

        await Expect(Page.Locator("#filtre-action")).ToHaveValueAsync("hebergement");
        await Expect(Page.Locator("#resultats-compte")).ToHaveTextAsync(StartsWith(StructureCount(lodging)));
        await Expect(Page.Locator("li.resultat")).ToHaveCountAsync(lodging);
    }

    [Fact]
    public async Task Clicking_a_result_opens_that_structure_page()
    {
        await OpenAsync("/");
        var link = Page.Locator("li.resultat a.resultat-nom").First;
        await Expect(link).ToBeVisibleAsync();
        var name = (await link.InnerTextAsync()).Trim();
        var structure = await App.StructureAsync(name);

        await link.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/structures/\d+/[a-z0-9-]+$"));
        Assert.Equal(structure.GetProperty("url").GetString(), CurrentPath);
        await Expect(Page.Locator("h1")).ToHaveTextAsync(name);
    }

    /// <summary>How many structures the visible map draws: single markers plus the number written on each cluster.</summary>
    private Task<int> StructuresOnMapAsync() => Page.EvaluateAsync<int>("""
        () => [...document.querySelectorAll('#map .leaflet-marker-icon')]
          .map(m => m.classList.contains('marker-cluster') ? parseInt(m.textContent, 10) || 0 : 1)
          .reduce((a, b) => a + b, 0)
        """);

    private static string Name(JsonElement feature) => feature.GetProperty("properties").GetProperty("nom").GetString()!;

    /// <summary>The text starts with these words (then ends or goes on after a non-digit).</summary>
    private static Regex StartsWith(string words) => new($@"^\s*{Regex.Escape(words)}(?!\w)");
}
