using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>Signs a DGCS reviewer in through the real page.</summary>
internal static class DgcsSession
{
    private const string Password = "lanterne-verger-rivière-42";

    public static async Task SignInAsync(PareAppFixture app, IPage page)
    {
        var email = $"dgcs-{Guid.NewGuid():N}@exemple.org";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Dgcs, Password);
        }
        await page.GotoAsync("/connexion?retour=%2Frapports");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync("**/rapports");
    }

    /// <summary>
    /// A second, older snapshot with another score for the Haut-Rhin, so that its history has two points. Read-only
    /// for the other tests: no public page reads snapshots.
    /// </summary>
    public static async Task EnsureHistoryAsync(PareAppFixture app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        if (await db.CoverageSnapshots.CountAsync() > 1)
        {
            return;
        }
        var latest = (await CoverageReports.LatestAsync(db))!;
        db.CoverageSnapshots.Add(new CoverageSnapshot
        {
            ComputedAt = latest.ComputedAt.AddDays(-7),
            MethodVersion = latest.MethodVersion,
            RadiusKm = latest.RadiusKm,
            PublishedStructures = latest.PublishedStructures,
            Departements = [.. latest.Departements.Select(d => new DepartementCoverage
            {
                Code = d.Code, Name = d.Name, RegionCode = d.RegionCode, RegionName = d.RegionName, Population = d.Population,
                LocalStructures = d.LocalStructures, RegionalStructures = d.RegionalStructures, NationalStructures = d.NationalStructures,
                ByAction = new(d.ByAction), LocalPer100000 = d.LocalPer100000, ShareWithinRadius = d.ShareWithinRadius,
                CommunesPopulation = d.CommunesPopulation, PopulationWithinRadius = d.PopulationWithinRadius, LocalWithoutPoint = d.LocalWithoutPoint,
                ShareUpToDate = d.ShareUpToDate, MissingActions = [.. d.MissingActions], Score = d.Code == "68" ? 100 : d.Score,
                Class = d.Code == "68" ? CoverageClass.NonCouvert : d.Class,
            })],
        });
        await db.SaveChangesAsync();
    }
}

/// <summary>The reports' map, in-place sort and history chart, with the CSP enforced: no script error, no violation.</summary>
public sealed class ReportsBrowserTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task The_map_colours_the_101_departements_and_the_table_sorts_in_place()
    {
        await DgcsSession.SignInAsync(App, Page);

        await Expect(Page.Locator("#carte-couverture path.leaflet-interactive")).ToHaveCountAsync(101);
        var classes = await Page.Locator("#carte-couverture path.leaflet-interactive").EvaluateAllAsync<string[]>("paths => [...new Set(paths.map(p => p.getAttribute('fill')))]");
        Assert.Contains("#7a1013", classes);

        await Page.Locator("#tableau-couverture thead").GetByRole(AriaRole.Link, new() { Name = "Population", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#tableau-couverture tbody tr").First.Locator("th")).ToHaveTextAsync("Nord");
        await Expect(Page.Locator("#tableau-couverture th[data-tri=population]")).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.EndsWith("/rapports?tri=population&ordre=desc", Page.Url, StringComparison.Ordinal);

        await Page.Locator("#tableau-couverture thead").GetByRole(AriaRole.Link, new() { Name = "Population", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#tableau-couverture th[data-tri=population]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(Page.Locator("#tableau-couverture tbody tr").First.Locator("th")).ToHaveTextAsync("Lozère");
    }

    [Fact]
    public async Task A_departements_history_is_drawn_by_chart_js()
    {
        await DgcsSession.EnsureHistoryAsync(App);
        await DgcsSession.SignInAsync(App, Page);
        await OpenAsync("/rapports/departements/68");

        var canvas = Page.Locator("#graphique-historique");
        await Expect(canvas).ToBeVisibleAsync();
        var points = await EventuallyAsync(
            () => Page.EvaluateAsync<int>("() => window.Chart?.getChart(document.getElementById('graphique-historique'))?.data.labels.length ?? 0"),
            n => n == 2);
        Assert.Equal(2, points);
        Assert.True((await canvas.BoundingBoxAsync())!.Height > 100);
    }
}

/// <summary>axe-core on the report pages (the scan needs the CSP bypassed to inject axe; the test above enforces it).</summary>
public sealed class ReportsAccessibilityTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private static readonly string AxePath = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    protected override bool BypassCsp => true;

    [Fact]
    public async Task The_report_pages_have_no_moderate_serious_or_critical_violation()
    {
        await DgcsSession.EnsureHistoryAsync(App);
        await DgcsSession.SignInAsync(App, Page);
        var problems = new StringBuilder();
        foreach (var path in new[] { "/rapports", "/rapports/departements/68", "/rapports/methode", "/rapports/impression" })
        {
            await OpenAsync(path);
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
            var violations = await Page.EvaluateAsync<JsonElement>("""
                async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations
                  .filter(v => ['moderate', 'serious', 'critical'].includes(v.impact))
                  .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')}`)
                """);
            foreach (var v in violations.EnumerateArray())
            {
                problems.Append(path).Append(": ").AppendLine(v.GetString());
            }
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }
}
