using System.Net;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Domain;

namespace PareNetwork.Tests.Pages.Admin;

/// <summary>Every back-office page and form, for each role: only the coordination gets in.</summary>
[Collection(AdminAppCollection.Name)]
public class AdminAccessTests(AdminApp app)
{
    private static readonly string[] Pages =
        ["/admin", "/admin/structures", "/admin/structures/nouvelle", "/admin/structures/{id}", "/admin/historique", "/admin/doublons", "/admin/structures?statut=publiee&membres=sans"];

    private static readonly (string Action, Dictionary<string, string> Fields)[] Posts =
    [
        ("/admin/structures/nouvelle", new() { ["Form.Name"] = "Intruse", ["Form.Actions"] = "prevention", ["Form.Scope"] = "nationale", ["Input.Status"] = "publiee" }),
        ("/admin/structures/{id}", new() { ["Form.Name"] = "Renommée par un intrus", ["Form.Actions"] = "prevention", ["Form.Scope"] = "nationale" }),
        ("/admin/structures/{id}?handler=statut", new() { ["cible"] = "publiee" }),
        ("/admin/structures/{id}?handler=adresse", new() { ["decision"] = "approuver" }),
        ("/admin/historique?handler=revue", new() { ["ids"] = "1" }),
        ("/admin/historique?handler=restaurer", new() { ["id"] = "1" }),
        ("/admin/doublons?handler=fusionner", new() { ["garder"] = "1", ["fusionner"] = "{id}" }),
    ];

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        var id = await app.CreateAsync("Accès anonyme", status: StructureStatus.EnAttente);
        using var anonymous = Browsing.Anonymous(app.Factory);
        foreach (var page in Pages.Select(p => p.Replace("{id}", id.ToString(), StringComparison.Ordinal)))
        {
            using var response = await anonymous.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, page);
            Assert.Equal("/connexion", PathOf(response.Headers.Location!));
        }
        foreach (var (action, fields) in Posts)
        {
            using var response = await anonymous.PostFormAsync("/connexion", Fill(fields, id), action.Replace("{id}", id.ToString(), StringComparison.Ordinal));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, action);
            Assert.Equal("/connexion", PathOf(response.Headers.Location!));
        }
        await AssertUntouchedAsync(id);
    }

    [Theory]
    [InlineData(Roles.Membre)]
    [InlineData(Roles.Dgcs)]
    public async Task Members_and_dgcs_reviewers_are_refused_every_page_and_every_form(string role)
    {
        var id = await app.CreateAsync($"Accès {role}", status: StructureStatus.EnAttente, visibility: AddressVisibility.Confidentielle,
            configure: s => s.RequestPublicAddress(DateTime.UtcNow, "test"));
        // A member of the very structure gets no more than anyone else.
        using var browsing = await Browsing.AsAsync(app.Factory, role, role == Roles.Membre ? [id] : []);
        foreach (var page in Pages.Select(p => p.Replace("{id}", id.ToString(), StringComparison.Ordinal)))
        {
            await AssertRefusedAsync(browsing, await browsing.GetAsync(page), page);
        }
        foreach (var (action, fields) in Posts)
        {
            // The antiforgery token of a page the role may open.
            var target = action.Replace("{id}", id.ToString(), StringComparison.Ordinal);
            await AssertRefusedAsync(browsing, await browsing.PostFormAsync("/deconnexion", Fill(fields, id), target), target);
        }
        await AssertUntouchedAsync(id);
    }

    [Fact]
    public async Task The_coordination_opens_every_page()
    {
        var id = await app.CreateAsync("Accès coordination");
        foreach (var page in Pages.Select(p => p.Replace("{id}", id.ToString(), StringComparison.Ordinal)))
        {
            using var response = await app.Coordination.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {response.StatusCode}");
        }
        var dashboard = await app.Coordination.GetHtmlAsync("/admin");
        foreach (var link in new[] { "/admin/structures", "/admin/historique", "/admin/doublons", "/admin/demandes", "/admin/invitations", "/admin/import", "/admin/export" })
        {
            Assert.Contains($"href=\"{link}\"", dashboard, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_session_bar_signs_the_coordination_out_from_a_back_office_page()
    {
        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        // The token is the one of the session bar's form, the only form of the dashboard.
        using var signOut = await coordination.PostFormAsync("/admin", new Dictionary<string, string>(), "/deconnexion");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var after = await coordination.GetAsync("/admin");
        Assert.Equal("/connexion", PathOf(after.Headers.Location!));
    }

    /// <summary>The refusal is the French « Accès refusé » page, answered 403 in place.</summary>
    private static async Task AssertRefusedAsync(Browsing browsing, HttpResponseMessage response, string what)
    {
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {response.StatusCode}");
            Assert.Contains("<h1>Accès refusé</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static string PathOf(Uri location) =>
        location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    private static Dictionary<string, string> Fill(Dictionary<string, string> fields, int id) =>
        fields.ToDictionary(f => f.Key, f => f.Value.Replace("{id}", id.ToString(), StringComparison.Ordinal));

    private async Task AssertUntouchedAsync(int id)
    {
        var structure = await app.StructureAsync(id);
        Assert.Equal(StructureStatus.EnAttente, structure.Status);
        Assert.StartsWith("Accès", structure.Name, StringComparison.Ordinal);
        Assert.Equal(StructureStatus.EnAttente, structure.Status);
        Assert.DoesNotContain(await app.WithDbAsync(db => Task.FromResult(db.Structures.Select(s => s.Name).ToList())), n => n == "Intruse");
    }
}
