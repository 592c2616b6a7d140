using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>« Rejoindre le réseau » and the contact request, as a newcomer fills them in: errors beside the fields, input kept.</summary>
public sealed class PublicFormsBrowserTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    [Fact]
    public async Task Joining_with_an_existing_structure_shows_only_its_part_keeps_the_input_after_an_error_then_thanks()
    {
        await OpenAsync("/adhesion");
        var existingPart = Page.Locator("[data-adhesion-partie=existante]");
        var newPart = Page.Locator("[data-adhesion-partie=nouvelle]");
        await Expect(existingPart).ToBeHiddenAsync();
        await Expect(newPart).ToBeVisibleAsync();

        await Page.GetByLabel("Elle figure déjà sur la carte").CheckAsync();
        await Expect(existingPart).ToBeVisibleAsync();
        await Expect(newPart).ToBeHiddenAsync();

        await Page.GetByLabel("Nom et prénom").FillAsync("Léa Bernard");
        await Page.GetByLabel("Votre rôle dans la structure").FillAsync("Directrice");
        await Page.GetByLabel("Adresse électronique professionnelle").FillAsync($"lea-{Guid.NewGuid():N}@exemple.org");
        await Page.GetByLabel("Structure déjà sur la carte").SelectOptionAsync(new SelectOptionValue { Label = MemberSession.StructureName });
        await Page.GetByLabel("J'accepte que la coordination").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande d'adhésion" }).ClickAsync();

        await Expect(Page.GetByText("L'adhésion suppose d'accepter la charte du réseau.")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Nom et prénom")).ToHaveValueAsync("Léa Bernard");
        await Expect(Page.GetByLabel("Elle figure déjà sur la carte")).ToBeCheckedAsync();
        await Expect(existingPart).ToBeVisibleAsync();

        await Page.GetByLabel("J'ai pris connaissance de la charte").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande d'adhésion" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande d'adhésion est transmise à la coordination du réseau.");
    }

    [Fact]
    public async Task A_professional_reaches_the_contact_form_from_a_confidential_structure_and_keeps_the_input_after_an_error()
    {
        var shelter = await App.StructureAsync("L'Ilot");
        await OpenAsync(shelter.GetProperty("url").GetString()!);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Demander à être mis en relation" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Demander à être mis en relation avec « L'Ilot »");

        await Page.GetByLabel("Nom et prénom").FillAsync("Claire Martin");
        await Page.GetByLabel("Fonction").FillAsync("Assistante sociale");
        await Page.GetByLabel("Votre structure ou employeur").FillAsync("Conseil départemental");
        await Page.GetByLabel("Adresse électronique professionnelle").FillAsync($"claire-{Guid.NewGuid():N}@exemple.org");
        await Page.GetByLabel("La situation, en quelques mots").FillAsync("Trop court");
        await Page.GetByLabel("Mon message ne contient le nom d'aucun mineur").CheckAsync();
        await Page.GetByLabel("J'accepte que la coordination").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande à la coordination" }).ClickAsync();

        await Expect(Page.GetByText("Entre 20 et 1 500 caractères.")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Nom et prénom")).ToHaveValueAsync("Claire Martin");
        await Expect(Page.GetByLabel("La situation, en quelques mots")).ToHaveValueAsync("Trop court");

        await Page.GetByLabel("La situation, en quelques mots").FillAsync("Une jeune que nous suivons a besoin d'un hébergement protégé.");
        await Page.GetByLabel("Mon message ne contient le nom d'aucun mineur").CheckAsync();
        await Page.GetByLabel("J'accepte que la coordination").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande à la coordination" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande est transmise à la coordination du réseau PARÉ.");
    }
}
