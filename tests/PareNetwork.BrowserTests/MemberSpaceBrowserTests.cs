using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Membership;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>Signs a member of a seeded structure in through the real page; changes nothing public.</summary>
internal static class MemberSession
{
    public const string StructureName = "Mouvement du Nid du Haut-Rhin";

    private const string Password = "lanterne-verger-rivière-42";

    /// <summary>Creates a member of <see cref="StructureName"/>, signs in in <paramref name="page"/>, returns the structure's id.</summary>
    public static async Task<int> SignInAsync(PareAppFixture app, IPage page)
    {
        var id = (await app.StructureAsync(StructureName)).GetProperty("id").GetInt32();
        var email = $"membre-{Guid.NewGuid():N}@exemple.org";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Membre, Password);
            var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PareUser>>().FindByEmailAsync(email);
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            db.StructureMembers.Add(new StructureMember { StructureId = id, UserId = user!.Id, Since = DateTime.UtcNow, Origin = "test" });
            await db.SaveChangesAsync();
        }
        await page.GotoAsync("/connexion?retour=%2Fespace");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync("**/espace");
        return id;
    }
}

/// <summary>The member space's commune input is the map's combobox, without a script error or CSP violation.</summary>
public sealed class MemberSpaceBrowserTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task The_commune_of_the_structure_form_is_a_combobox()
    {
        var id = await MemberSession.SignInAsync(App, Page);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = MemberSession.StructureName }).First).ToBeVisibleAsync();
        await OpenAsync($"/espace/structures/{id}");

        var commune = Page.GetByRole(AriaRole.Combobox, new() { Name = "Commune" });
        await commune.FillAsync("Colmar");
        var option = Page.Locator("#form-commune-suggestions").GetByRole(AriaRole.Option).First;
        await Expect(option).ToContainTextAsync("Colmar");
        await commune.PressAsync("ArrowDown");
        await commune.PressAsync("Enter");
        await Expect(commune).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Colmar"));
        await Expect(Page.Locator("#form-commune-suggestions")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_click_on_the_small_map_fills_the_exact_position_and_the_button_clears_it()
    {
        var id = await MemberSession.SignInAsync(App, Page);
        await OpenAsync($"/espace/structures/{id}");
        var map = Page.Locator("#form-carte");
        await map.ScrollIntoViewIfNeededAsync();
        await Expect(map.Locator(".leaflet-marker-icon")).ToBeVisibleAsync();
        var box = (await map.BoundingBoxAsync())!;

        await Page.Mouse.ClickAsync(box.X + (box.Width / 2) + 40, box.Y + (box.Height / 2) + 20);

        // The map opens on the structure's commune (Mulhouse): a click near its centre is a position near Mulhouse.
        var latitude = double.Parse(await Page.InputValueAsync("#form-latitude"), System.Globalization.CultureInfo.InvariantCulture);
        var longitude = double.Parse(await Page.InputValueAsync("#form-longitude"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(latitude, 47.70, 47.80);
        Assert.InRange(longitude, 7.28, 7.40);
        await Expect(Page.Locator("#form-carte-statut")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Position précise : 47,\d{6}, 7,\d{6}\.$"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Retirer la position précise" }).ClickAsync();
        await Expect(Page.Locator("#form-latitude")).ToHaveValueAsync("");
        await Expect(Page.Locator("#form-longitude")).ToHaveValueAsync("");
    }
}

/// <summary>axe-core on the signed-in pages of the member space (the same rules as <see cref="AccessibilityTests"/>).</summary>
public sealed class MemberSpaceAccessibilityTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private static readonly string AxePath = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    protected override bool BypassCsp => true;

    [Fact]
    public async Task Member_space_pages_have_no_moderate_serious_or_critical_violation()
    {
        var id = await MemberSession.SignInAsync(App, Page);
        foreach (var path in new[] { "/espace", $"/espace/structures/{id}", $"/structures/{id}/representer" })
        {
            await OpenAsync(path);
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
            var violations = (await Page.EvaluateAsync<JsonElement>("""
                async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations
                  .filter(v => ['moderate', 'serious', 'critical'].includes(v.impact))
                  .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
                """)).EnumerateArray().Select(v => v.GetString()).ToList();
            Assert.True(violations.Count == 0, $"axe on {path}:\n{string.Join('\n', violations)}");
        }
    }
}
