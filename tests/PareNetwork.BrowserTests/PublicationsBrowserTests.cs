using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>The resource centre's and the agenda's filters used with the keyboard alone (plain GET forms, no script).</summary>
public sealed class PublicationsBrowserTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task The_centre_is_searched_and_filtered_with_the_keyboard()
    {
        await OpenAsync("/ressources");
        await Expect(Page.Locator("#ressources-compte")).ToHaveTextAsync("12 contenus");

        await Page.Locator("#ressources-q").FocusAsync();
        await Page.Keyboard.TypeAsync("ARTEGE");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#ressources-compte")).ToHaveTextAsync("1 contenu");
        await Expect(Page.Locator("#ressources-liste .publication-titre")).ToHaveTextAsync(["« Violences sexuelles entre mineurs : agir, prévenir, guérir »"]);
        Assert.StartsWith("/ressources?q=ARTEGE&type=&", CurrentPath, StringComparison.Ordinal);

        await OpenAsync("/ressources");
        await Page.Locator("#ressources-type").FocusAsync();
        // « Tous les types » → « Actualités du réseau » → « Ressources ».
        await Page.Keyboard.PressAsync("ArrowDown");
        await Page.Keyboard.PressAsync("ArrowDown");
        await Expect(Page.Locator("#ressources-type")).ToHaveValueAsync("ressource");
        // Thème, région, département, public, année, then the button.
        for (var i = 0; i < 6; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }
        await Expect(Page.Locator("#filtres-ressources button[type=submit]").Last).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#ressources-compte")).ToHaveTextAsync("4 contenus");
        Assert.StartsWith("/ressources?q=&type=ressource&theme=&", CurrentPath, StringComparison.Ordinal);
        await Expect(Page.Locator("#ressources-liste .badge")).ToHaveTextAsync(["Enquête", "Vademecum, fiche pratique", "Livre", "Outil pédagogique"]);
    }

    [Fact]
    public async Task The_agenda_is_filtered_with_the_keyboard_and_its_tabs_keep_the_filter()
    {
        await OpenAsync("/agenda/archives");
        await Expect(Page.Locator("#agenda-compte")).ToHaveTextAsync("5 événements passés");

        await Page.Locator("#agenda-region").FocusAsync();
        // Auvergne-Rhône-Alpes, Bourgogne-Franche-Comté, Bretagne.
        for (var i = 0; i < 3; i++)
        {
            await Page.Keyboard.PressAsync("ArrowDown");
        }
        await Expect(Page.Locator("#agenda-region")).ToHaveValueAsync("53");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#filtres-agenda button[type=submit]")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#agenda-compte")).ToHaveTextAsync("1 événement passé");
        await Expect(Page.Locator("#agenda-liste .publication-titre")).ToHaveTextAsync(["Colloque « Les adolescents, le numérique et la sexualité » à Rennes"]);
        await Expect(Page.Locator(".onglets a", new() { HasText = "À venir" })).ToHaveAttributeAsync("href", "/agenda?region=53");

        await Page.Locator("#agenda-liste .publication-titre a").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Colloque « Les adolescents, le numérique et la sexualité » à Rennes");
        await Expect(Page.Locator("#evenement-date")).ToHaveTextAsync("Le 1er décembre 2023");
    }
}
