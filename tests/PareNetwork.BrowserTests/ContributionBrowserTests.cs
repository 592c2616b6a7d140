using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>/contribuer in a browser: the chosen kind's fieldsets only, a resource with its file, an error with the input kept.</summary>
public sealed class ContributionBrowserTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private ILocator Fieldset(string legend) => Page.Locator("fieldset").Filter(new() { Has = Page.Locator("legend", new() { HasTextString = legend }) });

    [Fact]
    public async Task A_resource_with_its_file_is_sent_and_only_its_fieldsets_show()
    {
        await OpenAsync("/contribuer");
        await Expect(Fieldset("Pour un événement")).ToBeHiddenAsync();
        await Expect(Fieldset("Pour une ressource")).ToBeHiddenAsync();

        await Page.GetByLabel("Ressource", new() { Exact = true }).CheckAsync();
        await Expect(Fieldset("Pour une ressource")).ToBeVisibleAsync();
        await Expect(Fieldset("Fichier de la ressource (facultatif)")).ToBeVisibleAsync();
        await Expect(Fieldset("Pour un événement")).ToBeHiddenAsync();
        await Expect(Fieldset("Pour une actualité du réseau")).ToBeHiddenAsync();

        var title = $"Guide navigateur {Guid.NewGuid():N}"[..30];
        await Page.GetByLabel("Titre").FillAsync(title);
        await Page.GetByLabel("Type de ressource").SelectOptionAsync("rapport");
        await Page.GetByLabel("Auteur ou organisation").FillAsync("Observatoire Exemple");
        await Page.GetByLabel("Résumé").FillAsync("Les chiffres de l'année.");
        await Page.GetByLabel("Votre nom").FillAsync("Alex Bernard");
        await Page.GetByLabel("Votre adresse électronique").FillAsync("alex.bernard@exemple.org");
        await Page.GetByLabel("J'accepte que la coordination du réseau PARÉ me contacte au sujet de cette contribution.").CheckAsync();
        await Page.GetByLabel("Fichier", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "rapport 2025.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n% rapport\n%%EOF\n"u8.ToArray(),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la contribution" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Merci : votre contribution est transmise à la coordination du réseau PARÉ.");
        await using var scope = App.Services.CreateAsyncScope();
        var c = await scope.ServiceProvider.GetRequiredService<PareDbContext>().Contributions.AsNoTracking().SingleAsync(x => x.Title == title);
        Assert.Equal((ContributionKind.Ressource, "rapport", "rapport 2025.pdf", ContributionStatus.EnAttente), (c.Kind, c.ResourceKind, c.FileOriginalName, c.Status));
    }

    [Fact]
    public async Task An_event_with_errors_comes_back_with_its_fieldset_its_messages_and_the_input_kept()
    {
        await OpenAsync("/contribuer");
        await Page.GetByLabel("Événement", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Titre").FillAsync("Colloque sans date ni lieu");
        await Page.GetByLabel("Intervenants (facultatif)").FillAsync("Dr Martin");
        await Page.GetByLabel("Votre nom").FillAsync("Alex Bernard");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la contribution" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("La contribution n'a pas été envoyée : corrigez les champs signalés.");
        await Expect(Fieldset("Pour un événement")).ToBeVisibleAsync();
        await Expect(Fieldset("Pour une ressource")).ToBeHiddenAsync();
        await Expect(Page.Locator("#input-startdate-erreur")).ToHaveTextAsync("Indiquez la date de l'événement.");
        await Expect(Page.Locator("#input-place-erreur")).ToHaveTextAsync("Indiquez le lieu de l'événement, ou cochez « En ligne ».");
        await Expect(Page.Locator("#submitter-email-erreur")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Titre")).ToHaveValueAsync("Colloque sans date ni lieu");
        await Expect(Page.GetByLabel("Intervenants (facultatif)")).ToHaveValueAsync("Dr Martin");
        await Expect(Page.GetByLabel("Votre nom")).ToHaveValueAsync("Alex Bernard");
        await Expect(Page.GetByLabel("Date de début")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_it_is_sent()
    {
        await OpenAsync("/contribuer");
        await Page.GetByLabel("Ressource", new() { Exact = true }).CheckAsync();
        // The limit the page announces, lowered in the page so the test needs no 128 MB file.
        await Page.EvalOnSelectorAsync("form.contribution-formulaire", "f => f.setAttribute('data-max-octets', '10')");
        await Page.GetByLabel("Fichier", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "gros.pdf", MimeType = "application/pdf", Buffer = new byte[64] });

        await Expect(Page.Locator("#fichier-erreur")).ToHaveTextAsync("Le fichier dépasse 128\u00A0Mo : choisissez un fichier plus léger, ou indiquez plutôt un lien vers la ressource.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la contribution" }).ClickAsync();
        Assert.Equal("/contribuer", CurrentPath);
        await Expect(Page.Locator("#fichier-erreur")).ToBeVisibleAsync();
    }
}
