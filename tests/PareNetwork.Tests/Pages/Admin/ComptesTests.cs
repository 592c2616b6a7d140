using System.Net;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Tests.Pages.Admin;

[Collection(SeededAppCollection.Name)]
public class ComptesTests(SeededApp app)
{
    [Fact]
    public async Task Deactivating_an_account_ends_its_session_and_refuses_its_sign_in()
    {
        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre);
        Assert.Contains($"Connecté : {member.Email}", await member.GetHtmlAsync("/liste"), StringComparison.Ordinal);

        using var deactivated = await coordination.PostFormAsync("/admin/comptes", new(), $"/admin/comptes?handler=Deactivate&id={member.UserId}");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Contains("est désactivé ; ses sessions sont fermées.", await coordination.GetHtmlAsync("/admin/comptes"), StringComparison.Ordinal);

        Assert.DoesNotContain("Connecté :", await member.GetHtmlAsync("/liste"), StringComparison.Ordinal);
        using var again = Browsing.Anonymous(app.Factory);
        using var signIn = await again.PostFormAsync("/connexion", new() { ["Input.Email"] = member.Email!, ["Input.Password"] = Browsing.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Adresse ou mot de passe incorrect", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Granting_a_role_takes_effect_at_the_next_request()
    {
        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        using var reviewer = await Browsing.AsAsync(app.Factory, Roles.Membre);
        using (var before = await reviewer.GetAsync("/admin/comptes"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        using var granted = await coordination.PostFormAsync("/admin/comptes", new(), $"/admin/comptes?handler=Role&id={reviewer.UserId}&role=Coordination&grant=true");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);

        // The new security stamp ended the old session: the person signs in again and holds the new role.
        using var relog = Browsing.Anonymous(app.Factory);
        using var signIn = await relog.PostFormAsync("/connexion", new() { ["Input.Email"] = reviewer.Email!, ["Input.Password"] = Browsing.Password });
        using var page = await relog.GetAsync("/admin/comptes");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_sign_out_button_of_every_page_signs_out()
    {
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre);

        using var signedOut = await member.PostFormAsync("/liste", new(), "/deconnexion");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.DoesNotContain("Connecté :", await member.GetHtmlAsync("/liste"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_coordination_reaches_the_accounts()
    {
        using var dgcs = await Browsing.AsAsync(app.Factory, Roles.Dgcs);
        using var anonymous = Browsing.Anonymous(app.Factory);

        using var asDgcs = await dgcs.GetAsync("/admin/comptes");
        using var asAnonymous = await anonymous.GetAsync("/admin/comptes");

        Assert.Equal(HttpStatusCode.Forbidden, asDgcs.StatusCode);
        Assert.Contains("<h1>Accès refusé</h1>", await asDgcs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/connexion?retour=", asAnonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
