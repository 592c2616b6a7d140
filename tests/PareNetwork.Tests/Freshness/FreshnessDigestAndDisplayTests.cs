using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Tests.Freshness;

/// <summary>The coordination's weekly digest, and where the state shows: the public page, the back office, the member space.</summary>
public sealed class FreshnessDigestAndDisplayTests
{
    /// <summary>In the Bas-Rhin (67) and the Territoire de Belfort (90), which no seeded structure serves.</summary>
    private static async Task<Dictionary<string, int>> ConstructAsync(FreshnessApp app)
    {
        var now = FreshnessApp.Start;
        var ids = new Dictionary<string, int>
        {
            ["à jour"] = await app.CreateStructureAsync("Fraîcheur à jour", confirmedAt: now.AddMonths(-1)),
            ["à vérifier"] = await app.CreateStructureAsync("Fraîcheur à vérifier", confirmedAt: now.AddMonths(-6).AddDays(-1)),
            ["en retard"] = await app.CreateStructureAsync("Fraîcheur en retard", confirmedAt: now.AddMonths(-7).AddDays(-1)),
            ["obsolète"] = await app.CreateStructureAsync("Fraîcheur obsolète", confirmedAt: now.AddMonths(-13)),
            ["jamais"] = await app.CreateStructureAsync("Fraîcheur jamais", departements: ["90"]),
            ["deux"] = await app.CreateStructureAsync("Fraîcheur deux départements", confirmedAt: now.AddMonths(-8), departements: ["67", "90"]),
        };
        await app.AddMemberAsync(ids["à jour"]);
        await app.AddMemberAsync(ids["en retard"]);
        return ids;
    }

    private static async Task<string> CoordinationAccountAsync(FreshnessApp app, bool deactivated = false)
    {
        var email = $"coordination-{Guid.NewGuid():N}@exemple.org";
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Coordination, Browsing.Password);
        if (deactivated)
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PareUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.Deactivate(app.Now);
            await users.UpdateAsync(user);
        }
        return email;
    }

    [Fact]
    public async Task The_weekly_digest_counts_each_departement_exactly_and_is_sent_once_a_week()
    {
        await using var app = new FreshnessApp();
        await ConstructAsync(app);
        var first = await CoordinationAccountAsync(app);
        var second = await CoordinationAccountAsync(app);
        var gone = await CoordinationAccountAsync(app, deactivated: true);

        var summary = await app.RunDigestAsync();
        Assert.Equal("Synthèse de la semaine 2027-W09 : 2 destinataires, 24 lignes ; à vérifier 1, en retard 2, obsolètes 1, jamais confirmées 35, sans membre 38", summary);
        var mail = Assert.Single(await app.MailsToAsync(first));
        Assert.Equal("Fraîcheur des fiches – semaine du 1er mars 2027 – Réseau PARÉ", mail.Subject);
        Assert.Single(await app.MailsToAsync(second));
        Assert.Empty(await app.MailsToAsync(gone));
        var lines = mail.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        void Line(string text, string url)
        {
            var index = Array.IndexOf(lines, text);
            Assert.True(index >= 0, $"Missing line « {text} » in:\n{mail.TextBody}");
            Assert.Equal(url, lines[index + 1]);
        }
        Line("Ensemble du réseau : à vérifier 1, en retard 2, obsolètes 1, jamais confirmées 35, sans membre 38",
            "https://localhost/admin/structures?statut=publiee");
        Line("67 – Bas-Rhin : à vérifier 1, en retard 2, obsolètes 1, jamais confirmées 0, sans membre 3",
            "https://localhost/admin/structures?statut=publiee&departement=67");
        Line("90 – Territoire de Belfort : à vérifier 0, en retard 1, obsolètes 0, jamais confirmées 1, sans membre 2",
            "https://localhost/admin/structures?statut=publiee&departement=90");
        Line("Structures de portée nationale : à vérifier 0, en retard 0, obsolètes 0, jamais confirmées 13, sans membre 13",
            "https://localhost/admin/structures?statut=publiee&portee=nationale");
        Assert.DoesNotContain(lines, l => l.StartsWith("2A – ", StringComparison.Ordinal));
        Assert.Contains("68 – Haut-Rhin : à vérifier 0, en retard 0, obsolètes 0, jamais confirmées 1, sans membre 1", lines);

        // Once a week: the same week sends nothing more, the next week again.
        app.Time.Advance(TimeSpan.FromDays(6));
        Assert.Equal("Synthèse de la semaine 2027-W09 déjà envoyée", await app.RunDigestAsync());
        Assert.Single(await app.MailsToAsync(first));
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.StartsWith("Synthèse de la semaine 2027-W10 : 2 destinataires", await app.RunDigestAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await app.MailsToAsync(first)).Count);
    }

    [Fact]
    public async Task The_public_page_warns_about_an_obsolete_record_and_the_back_office_filters_by_state()
    {
        await using var app = new FreshnessApp();
        var ids = await ConstructAsync(app);
        const string Warning = "Ces informations n'ont pas été confirmées depuis plus d'un an";

        using var visitor = Browsing.Anonymous(app.Factory);
        async Task<string> PublicPageAsync(int id)
        {
            var structure = await app.StructureAsync(id);
            using var response = await visitor.GetAsync($"/structures/{id}/{structure.Slug}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }
        var obsolete = await PublicPageAsync(ids["obsolète"]);
        Assert.Contains(Warning, obsolete, StringComparison.Ordinal);
        Assert.Contains("Informations confirmées le 1er février 2026", obsolete, StringComparison.Ordinal);
        Assert.DoesNotContain(Warning, await PublicPageAsync(ids["en retard"]), StringComparison.Ordinal);
        Assert.DoesNotContain(Warning, await PublicPageAsync(ids["jamais"]), StringComparison.Ordinal);

        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        async Task<string[]> ListedAsync(string state)
        {
            var html = await coordination.GetHtmlAsync($"/admin/structures?q=fraicheur&fraicheur={state}");
            return [.. ids.Where(kv => html.Contains($"/admin/structures/{kv.Value}\"", StringComparison.Ordinal)).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
        }
        Assert.Equal(["à jour"], await ListedAsync("a-jour"));
        Assert.Equal(["à vérifier"], await ListedAsync("a-verifier"));
        Assert.Equal(["deux", "en retard"], await ListedAsync("en-retard"));
        Assert.Equal(["obsolète"], await ListedAsync("obsolete"));
        Assert.Equal(["jamais"], await ListedAsync("jamais"));

        var all = await coordination.GetHtmlAsync("/admin/structures?q=fraicheur");
        Assert.Contains("<span class=\"badge fraicheur-obsolete\">obsolète</span>", all, StringComparison.Ordinal);
        Assert.Contains("<option value=\"en-retard\">En retard</option>", all, StringComparison.Ordinal);
        var unknown = await coordination.GetHtmlAsync("/admin/structures?q=fraicheur&fraicheur=perimee");
        Assert.Contains("Fraîcheur « perimee » inconnue : filtre ignoré.", unknown, StringComparison.Ordinal);
        Assert.Equal(6, ids.Values.Count(id => unknown.Contains($"/admin/structures/{id}\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_member_space_shows_the_state_and_the_due_date()
    {
        await using var app = new FreshnessApp();
        var id = await app.CreateStructureAsync("Fraîcheur de l'espace", confirmedAt: new DateTime(2026, 8, 20, 9, 0, 0, DateTimeKind.Utc));
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, id);
        var page = await member.GetHtmlAsync($"/espace/structures/{id}");
        Assert.Contains("<span class=\"badge fraicheur-a-verifier\">à vérifier</span>", page, StringComparison.Ordinal);
        Assert.Contains("Confirmation attendue le 20 février 2027", page, StringComparison.Ordinal);
    }
}
