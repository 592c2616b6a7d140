using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using PareNetwork.Web.Mail;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PareNetwork.BrowserTests;

/// <summary>The newsletter form as a person fills it: the double opt-in to the end, and a mistake shown beside its field.</summary>
public sealed partial class NewsletterBrowserTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private async Task FillAsync(string email)
    {
        await Page.GetByLabel("Civilité", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Madame" });
        await Page.GetByLabel("Prénom (obligatoire)", new() { Exact = true }).FillAsync("Camille");
        await Page.GetByLabel("Nom (obligatoire)", new() { Exact = true }).FillAsync("Martin");
        await Page.GetByLabel("Type de structure (obligatoire)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Association ou fondation" });
        await Page.GetByLabel("Adresse électronique (obligatoire)", new() { Exact = true }).FillAsync(email);
    }

    [Fact]
    public async Task Subscribe_then_confirm_from_the_link_of_the_email()
    {
        var email = $"navigateur-{Guid.NewGuid():N}@exemple.org";
        await OpenAsync("/newsletter");
        await FillAsync(email);
        var consent = Page.GetByRole(AriaRole.Checkbox, new() { Name = "J'accepte que la Fondation Droit d'Enfance" });
        await Expect(consent).Not.ToBeCheckedAsync();
        await consent.CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Si cette adresse n'est pas encore inscrite, un message vient de lui être envoyé");

        await App.Services.GetRequiredService<OutboxDelivery>().FlushAsync();
        var folder = App.Services.GetRequiredService<PickupFolder>().Path;
        var mail = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(x => x.Address == email));
        var link = new Uri(Link().Match(mail.TextBody ?? "").Value);
        Assert.Equal("/newsletter/confirmer", link.AbsolutePath);

        await OpenAsync(link.PathAndQuery);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon inscription" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre inscription est confirmée");
        Assert.Equal("/newsletter/confirmer?etat=confirmee", CurrentPath);
    }

    [Fact]
    public async Task A_missing_consent_is_said_beside_the_box_and_the_typed_input_is_kept()
    {
        var email = $"oubli-{Guid.NewGuid():N}@exemple.org";
        await OpenAsync("/newsletter");
        await FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire" }).ClickAsync();

        await Expect(Page.Locator("[data-valmsg-for='Input.Consent']")).ToHaveTextAsync("Cochez la case pour accepter de recevoir la newsletter : sans votre accord, nous ne pouvons pas vous l'envoyer.");
        await Expect(Page.GetByLabel("Prénom (obligatoire)", new() { Exact = true })).ToHaveValueAsync("Camille");
        await Expect(Page.GetByLabel("Nom (obligatoire)", new() { Exact = true })).ToHaveValueAsync("Martin");
        await Expect(Page.GetByLabel("Adresse électronique (obligatoire)", new() { Exact = true })).ToHaveValueAsync(email);
        await Expect(Page.GetByLabel("Type de structure (obligatoire)", new() { Exact = true })).ToHaveValueAsync("association");
        await Expect(Page.GetByLabel("Civilité", new() { Exact = true })).ToHaveValueAsync("madame");
        await Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = "J'accepte que la Fondation Droit d'Enfance" })).Not.ToBeCheckedAsync();

        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "J'accepte que la Fondation Droit d'Enfance" }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("un message vient de lui être envoyé");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}

/// <summary>axe-core on the newsletter form, empty and with its error messages.</summary>
public sealed class NewsletterAccessibilityTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    protected override bool BypassCsp => true;

    [Fact]
    public async Task The_form_and_its_errors_have_no_moderate_serious_or_critical_violation()
    {
        await OpenAsync("/newsletter");
        Assert.Empty(await BlockingViolationsAsync());
        await Page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.Email']")).ToHaveTextAsync("Indiquez votre adresse électronique.");
        Assert.Empty(await BlockingViolationsAsync());
    }

    private async Task<List<string>> BlockingViolationsAsync()
    {
        await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js") });
        var violations = await Page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations
              .filter(v => ['moderate', 'serious', 'critical'].includes(v.impact))
              .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }
}
