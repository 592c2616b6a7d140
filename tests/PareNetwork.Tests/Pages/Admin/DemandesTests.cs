using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Tests.Pages.Espace;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.History;
using PareNetwork.Web.Membership;

namespace PareNetwork.Tests.Pages.Admin;

/// <summary>« Je représente cette structure » and the coordination's decision at /admin/demandes.</summary>
[Collection(MemberSpaceCollection.Name)]
public class DemandesTests(MemberSpaceApp app)
{
    private static string Claim(int id) => $"/structures/{id.ToString(CultureInfo.InvariantCulture)}/representer";

    private static Dictionary<string, string> ClaimFields(string role = "Directrice", string email = "direction@asso.example.org", string message = "Je dirige l'association depuis 2019.") => new()
    {
        ["Input.RoleInStructure"] = role,
        ["Input.ProfessionalEmail"] = email,
        ["Input.Message"] = message,
    };

    private async Task<LinkRequest> PendingRequestAsync(string userId, int structureId)
    {
        LinkRequest? request = null;
        await app.WithDbAsync(async db => request = await db.LinkRequests.AsNoTracking().SingleAsync(r => r.UserId == userId && r.StructureId == structureId));
        return request!;
    }

    [Fact]
    public async Task The_public_page_links_to_the_claim_page_which_needs_a_sign_in()
    {
        var id = await app.CreateStructureAsync();
        using var anonymous = Browsing.Anonymous(app.Factory);
        var structure = await app.StructureAsync(id);
        var page = await anonymous.GetHtmlAsync($"/structures/{id}/{structure.Slug}");
        Assert.Contains($"href=\"{Claim(id)}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", page, StringComparison.Ordinal);

        using var claim = await anonymous.GetAsync(Claim(id));
        Assert.Equal(HttpStatusCode.Redirect, claim.StatusCode);
        Assert.Equal($"/connexion?retour={Uri.EscapeDataString(Claim(id))}", MemberSpaceApp.Target(claim));

        var (someone, _) = await app.PlainAccountAsync();
        using var session = someone;
        using var unknown = await someone.GetAsync("/structures/999999/representer");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Claim_approve_edit_and_the_history_shows_old_and_new_values()
    {
        var id = await app.CreateStructureAsync("Association à réclamer");
        var (claimant, email) = await app.PlainAccountAsync();
        using var session = claimant;

        // The claim.
        using var sent = await claimant.PostFormAsync(Claim(id), ClaimFields());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Votre demande est transmise à la coordination", await claimant.GetHtmlAsync(MemberSpaceApp.Target(sent)), StringComparison.Ordinal);
        var received = Assert.Single(await app.MailsToAsync(email));
        Assert.Equal("Demande reçue – Réseau PARÉ", received.Subject);
        Assert.Contains("« Association à réclamer »", received.TextBody, StringComparison.Ordinal);

        // A second one is refused, in French; the pending request shows in the claimant's space... once they are members.
        var again = await claimant.GetHtmlAsync(Claim(id));
        Assert.Contains("Vous avez déjà une demande en attente pour cette structure", again, StringComparison.Ordinal);
        // The form is gone; a post anyway (token from another page) is refused the same way.
        using var duplicate = await claimant.PostFormAsync("/inscription", ClaimFields(), action: Claim(id));
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("Vous avez déjà une demande en attente", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var user = await app.UserAsync(email);
        await app.WithDbAsync(async db => Assert.Equal(1, await db.LinkRequests.CountAsync(r => r.UserId == user.Id && r.StructureId == id)));

        // Before the decision, the member space shows the pending request and no structure to edit.
        var waiting = await claimant.GetHtmlAsync("/espace");
        Assert.Contains("en attente", waiting, StringComparison.Ordinal);
        using (var closed = await claimant.GetAsync($"/espace/structures/{id}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        }

        // The coordination sees it and accepts it.
        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        var list = await coordination.GetHtmlAsync("/admin/demandes");
        Assert.Contains("Association à réclamer", list, StringComparison.Ordinal);
        Assert.Contains(email, list, StringComparison.Ordinal);
        Assert.Contains("direction@asso.example.org", list, StringComparison.Ordinal);
        Assert.Contains("Je dirige l'association depuis 2019.", list, StringComparison.Ordinal);
        var request = await PendingRequestAsync(user.Id, id);
        var accept = new Dictionary<string, string> { ["demande"] = request.Id.ToString(CultureInfo.InvariantCulture) };
        using var accepted = await coordination.PostFormAsync("/admin/demandes", accept, "/admin/demandes?handler=Accepter");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("Demande acceptée", await coordination.GetHtmlAsync("/admin/demandes"), StringComparison.Ordinal);

        Assert.True(await app.IsInRoleAsync(email, Roles.Membre));
        var mails = await app.MailsToAsync(email);
        var acceptance = Assert.Single(mails, m => m.Subject == "Demande acceptée – Réseau PARÉ");
        Assert.Contains("/espace", acceptance.TextBody, StringComparison.Ordinal);
        request = await PendingRequestAsync(user.Id, id);
        Assert.Equal(LinkRequestStatus.Acceptee, request.Status);
        Assert.StartsWith("compte ", request.DecidedBy, StringComparison.Ordinal);

        // A second accept does nothing: no second link, no second mail.
        using var twice = await coordination.PostFormAsync("/admin/demandes", accept, "/admin/demandes?handler=Accepter");
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Contains("déjà été traitée", await coordination.GetHtmlAsync("/admin/demandes"), StringComparison.Ordinal);
        await app.WithDbAsync(async db =>
        {
            var member = Assert.Single(await db.StructureMembers.Where(m => m.UserId == user.Id).ToListAsync());
            Assert.Equal(id, member.StructureId);
            Assert.Equal("Directrice", member.RoleInStructure);
        });
        Assert.Equal(mails.Count, (await app.MailsToAsync(email)).Count);

        // The member (new session: the new role) edits; the history has old and new values.
        using var member = await app.SignInAsync(email);
        var space = await member.GetHtmlAsync("/espace");
        Assert.Contains("Association à réclamer", space, StringComparison.Ordinal);
        Assert.Contains("Vous gérez déjà cette structure", await member.GetHtmlAsync(Claim(id)), StringComparison.Ordinal);
        var edit = $"/espace/structures/{id}";
        var (version, openedAt) = MemberSpaceApp.HiddenFields(await member.GetHtmlAsync(edit));
        var form = await app.FormOfAsync(id);
        (form.Version, form.OpenedAt, form.Phones) = (version, openedAt, "03 88 11 22 33\n06 00 00 00 00");
        using var saved = await member.PostFormAsync(edit, MemberSpaceApp.Fields(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // The creation is in the history too (none → value); the member's change is the one with an old value.
        var change = Assert.Single(await app.HistoryAsync(id), c => c.Field == StructureFields.Telephones && c.OldValue is not null);
        Assert.Equal("03 88 00 00 00", change.OldValue);
        Assert.Equal("03 88 11 22 33|06 00 00 00 00", change.NewValue);
        Assert.Equal(user.Id, change.AuthorId);
        Assert.Equal(user.Pseudonym, change.AuthorLabel);
    }

    [Fact]
    public async Task A_refusal_needs_a_reason_and_the_mail_holds_it()
    {
        var id = await app.CreateStructureAsync("Association refusante");
        var (claimant, email) = await app.PlainAccountAsync();
        using var session = claimant;
        using var sent = await claimant.PostFormAsync(Claim(id), ClaimFields(role: "Bénévole"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var user = await app.UserAsync(email);
        var request = await PendingRequestAsync(user.Id, id);
        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        var refuse = "/admin/demandes?handler=Refuser";

        using var noReason = await coordination.PostFormAsync("/admin/demandes", new() { ["demande"] = request.Id.ToString(CultureInfo.InvariantCulture), ["Refusal.Reason"] = "  " }, refuse);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Indiquez la raison du refus", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True((await PendingRequestAsync(user.Id, id)).IsPending);

        const string reason = "Nous n'avons pas pu vérifier votre lien avec l'association ; écrivez-nous depuis son adresse officielle.";
        using var refused = await coordination.PostFormAsync("/admin/demandes", new() { ["demande"] = request.Id.ToString(CultureInfo.InvariantCulture), ["Refusal.Reason"] = reason }, refuse);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        var mail = Assert.Single(await app.MailsToAsync(email), m => m.Subject == "Demande non acceptée – Réseau PARÉ");
        Assert.Contains(reason, mail.TextBody, StringComparison.Ordinal);
        request = await PendingRequestAsync(user.Id, id);
        Assert.Equal(LinkRequestStatus.Refusee, request.Status);
        Assert.Equal(reason, request.RefusalReason);
        Assert.False(await app.IsInRoleAsync(email, Roles.Membre));
        await app.WithDbAsync(async db => Assert.False(await db.StructureMembers.AnyAsync(m => m.UserId == user.Id)));

        // Listed among the decided ones; accepting it now does nothing.
        var list = await coordination.GetHtmlAsync("/admin/demandes");
        Assert.Contains("Refusée : " + reason, list, StringComparison.Ordinal);
        using var late = await coordination.PostFormAsync("/admin/demandes", new() { ["demande"] = request.Id.ToString(CultureInfo.InvariantCulture) }, "/admin/demandes?handler=Accepter");
        Assert.Equal(LinkRequestStatus.Refusee, (await PendingRequestAsync(user.Id, id)).Status);
        Assert.False(await app.IsInRoleAsync(email, Roles.Membre));

        // A new request may follow a refusal.
        Assert.Contains("Envoyer la demande", await claimant.GetHtmlAsync(Claim(id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_form_is_validated_in_french()
    {
        var id = await app.CreateStructureAsync();
        var (claimant, _) = await app.PlainAccountAsync();
        using var session = claimant;
        using var response = await claimant.PostFormAsync(Claim(id), ClaimFields(role: "", email: "pas-une-adresse"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Indiquez votre rôle dans la structure.", html, StringComparison.Ordinal);
        Assert.Contains("Adresse électronique invalide.", html, StringComparison.Ordinal);
        await app.WithDbAsync(async db => Assert.False(await db.LinkRequests.AnyAsync(r => r.StructureId == id)));
    }

    [Fact]
    public async Task Pending_requests_show_in_the_member_space()
    {
        var mine = await app.CreateStructureAsync();
        var wanted = await app.CreateStructureAsync("Association convoitée");
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, mine);
        using var sent = await member.PostFormAsync(Claim(wanted), ClaimFields());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var space = await member.GetHtmlAsync("/espace");
        Assert.Contains("Mes demandes en attente", space, StringComparison.Ordinal);
        Assert.Contains("Association convoitée : demande envoyée le", space, StringComparison.Ordinal);
        // A request is not a link: the page stays closed.
        using var edit = await member.GetAsync($"/espace/structures/{wanted}");
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_of_the_back_office_pages_are_sent_to_the_sign_in()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        foreach (var url in new[] { "/admin/demandes", "/admin/invitations" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/connexion?retour=", MemberSpaceApp.Target(response), StringComparison.Ordinal);
        }
        using var dgcs = await Browsing.AsAsync(app.Factory, Roles.Dgcs);
        using var refused = await dgcs.GetAsync("/admin/demandes");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
