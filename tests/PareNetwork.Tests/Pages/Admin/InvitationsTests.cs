using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Tests.Pages.Espace;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Membership;

namespace PareNetwork.Tests.Pages.Admin;

/// <summary>Invitations: sent from /admin/invitations, accepted once at /invitation, refused when expired or used.</summary>
[Collection(MemberSpaceCollection.Name)]
public partial class InvitationsTests(MemberSpaceApp app)
{
    private const string Invalid = "Ce lien d'invitation n'est plus valable";

    private async Task<string> InviteAsync(Browsing coordination, string email, string structure)
    {
        using var sent = await coordination.PostFormAsync("/admin/invitations", new() { ["Input.Email"] = email, ["Input.Structure"] = structure });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = Assert.Single(await app.MailsToAsync(email), m => m.Subject == "Invitation à gérer une structure – Réseau PARÉ");
        var link = new Uri(InvitationLink().Match(mail.TextBody ?? "").Value);
        Assert.Equal("/invitation", link.AbsolutePath);
        return link.PathAndQuery;
    }

    private static string Token(string link) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + link).Query)["jeton"]!;

    [Fact]
    public async Task An_invitation_creates_a_confirmed_member_account_once()
    {
        var id = await app.CreateStructureAsync("Association invitée");
        var email = $"invitee-{Guid.NewGuid():N}@exemple.org";
        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        var link = await InviteAsync(coordination, email, id.ToString(CultureInfo.InvariantCulture));
        Assert.Contains(email, await coordination.GetHtmlAsync("/admin/invitations"), StringComparison.Ordinal);

        // Opening the link (a mail scanner does) changes nothing.
        using var invitee = Browsing.Anonymous(app.Factory);
        var page = await invitee.GetHtmlAsync(link);
        Assert.Contains("« Association invitée »", page, StringComparison.Ordinal);
        Assert.Contains("Créer mon compte et accepter", page, StringComparison.Ordinal);
        await app.WithDbAsync(async db => Assert.Null((await db.Invitations.SingleAsync(i => i.Email == email)).AcceptedAt));

        // Identity's rules apply to the password.
        var fields = new Dictionary<string, string> { ["jeton"] = Token(link), ["Input.Password"] = "motdepasse12" };
        using var weak = await invitee.PostFormAsync(link, fields, "/invitation?handler=Creer");
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("trop courant ou trop facile à deviner", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await app.UserAsync(email));

        fields["Input.Password"] = Browsing.Password;
        using var created = await invitee.PostFormAsync(link, fields, "/invitation?handler=Creer");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/espace", MemberSpaceApp.Target(created));
        var user = await app.UserAsync(email);
        Assert.True(user.EmailConfirmed);
        Assert.True(await app.IsInRoleAsync(email, Roles.Membre));
        await app.WithDbAsync(async db =>
        {
            var member = Assert.Single(await db.StructureMembers.Where(m => m.UserId == user.Id).ToListAsync());
            Assert.Equal(id, member.StructureId);
            Assert.StartsWith("invitation #", member.Origin, StringComparison.Ordinal);
            var invitation = await db.Invitations.SingleAsync(i => i.Email == email);
            Assert.NotNull(invitation.AcceptedAt);
            Assert.Equal(user.Id, invitation.AcceptedByUserId);
        });
        // Signed in at once, with the structure in the space.
        Assert.Contains("Association invitée", await invitee.GetHtmlAsync("/espace"), StringComparison.Ordinal);
        using (var edit = await invitee.GetAsync($"/espace/structures/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        // Single use: the link is dead, for anyone.
        using var stranger = Browsing.Anonymous(app.Factory);
        Assert.Contains(Invalid, await stranger.GetHtmlAsync(link), StringComparison.Ordinal);
        using var reused = await stranger.PostFormAsync("/inscription", new() { ["jeton"] = Token(link), ["Input.Password"] = Browsing.Password }, "/invitation?handler=Creer");
        Assert.Contains(Invalid, WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await app.WithDbAsync(async db => Assert.Single(await db.StructureMembers.Where(m => m.StructureId == id).ToListAsync()));
    }

    [Fact]
    public async Task An_expired_or_unknown_invitation_is_refused()
    {
        var id = await app.CreateStructureAsync();
        var email = $"expiree-{Guid.NewGuid():N}@exemple.org";
        var (invitation, token) = Invitation.Create(email, id, "test", DateTime.UtcNow - Invitation.Lifetime - TimeSpan.FromHours(1));
        await app.WithDbAsync(async db =>
        {
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
        });
        var link = "/invitation?jeton=" + Uri.EscapeDataString(token);
        using var invitee = Browsing.Anonymous(app.Factory);
        var page = await invitee.GetHtmlAsync(link);
        Assert.Contains(Invalid, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", page, StringComparison.Ordinal);

        using var forced = await invitee.PostFormAsync("/inscription", new() { ["jeton"] = token, ["Input.Password"] = Browsing.Password }, "/invitation?handler=Creer");
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains(Invalid, WebUtility.HtmlDecode(await forced.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await app.UserAsync(email));

        foreach (var unknown in new[] { "/invitation", "/invitation?jeton=", "/invitation?jeton=inconnu", "/invitation?jeton=" + new string('x', 5000) })
        {
            using var response = await invitee.GetAsync(unknown);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Invalid, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_signed_in_account_of_the_address_accepts_with_one_button_and_no_other_can()
    {
        var id = await app.CreateStructureAsync("Association pour compte existant");
        var (existing, email) = await app.PlainAccountAsync();
        using var session = existing;
        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        var link = await InviteAsync(coordination, email, "compte existant");

        // Not signed in: sign in first. Signed in as someone else: refused.
        using var anonymous = Browsing.Anonymous(app.Factory);
        Assert.Contains("Un compte existe déjà pour cette adresse", await anonymous.GetHtmlAsync(link), StringComparison.Ordinal);
        var (other, _) = await app.PlainAccountAsync();
        using var otherSession = other;
        Assert.Contains("vous êtes connecté avec un autre compte", await other.GetHtmlAsync(link), StringComparison.Ordinal);
        using var hijack = await other.PostFormAsync("/inscription", new() { ["jeton"] = Token(link) }, "/invitation?handler=Accepter");
        Assert.Equal(HttpStatusCode.OK, hijack.StatusCode);
        await app.WithDbAsync(async db => Assert.False(await db.StructureMembers.AnyAsync(m => m.StructureId == id)));

        var page = await existing.GetHtmlAsync(link);
        Assert.Contains("Accepter l'invitation", page, StringComparison.Ordinal);
        using var accepted = await existing.PostFormAsync(link, new() { ["jeton"] = Token(link) }, "/invitation?handler=Accepter");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        // The session carries the new role at once.
        Assert.Contains("Association pour compte existant", await existing.GetHtmlAsync("/espace"), StringComparison.Ordinal);
        Assert.True(await app.IsInRoleAsync(email, Roles.Membre));
        Assert.Contains(Invalid, await existing.GetHtmlAsync(link), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_structure_is_found_by_name_and_an_ambiguous_name_asks_which()
    {
        await app.CreateStructureAsync("Maison Quetzal Nord");
        await app.CreateStructureAsync("Maison Quetzal Sud");
        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        var email = $"ambigu-{Guid.NewGuid():N}@exemple.org";
        using var ambiguous = await coordination.PostFormAsync("/admin/invitations", new() { ["Input.Email"] = email, ["Input.Structure"] = "quetzal" });
        Assert.Equal(HttpStatusCode.OK, ambiguous.StatusCode);
        var html = WebUtility.HtmlDecode(await ambiguous.Content.ReadAsStringAsync());
        Assert.Contains("2 structures correspondent", html, StringComparison.Ordinal);
        Assert.Contains("Maison Quetzal Nord", html, StringComparison.Ordinal);
        using var none = await coordination.PostFormAsync("/admin/invitations", new() { ["Input.Email"] = email, ["Input.Structure"] = "Zzyzx introuvable" });
        Assert.Contains("Aucune structure ne correspond", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await app.MailsToAsync(email));

        await InviteAsync(coordination, email, "Maison Quetzal Sud");
    }

    [GeneratedRegex(@"https?://\S+/invitation\?jeton=\S+")]
    private static partial Regex InvitationLink();
}
