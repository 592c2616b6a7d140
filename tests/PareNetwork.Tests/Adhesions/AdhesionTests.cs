using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Tests.Pages.Admin;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Adhesions;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Membership;
using PareNetwork.Web.Structures;

namespace PareNetwork.Tests.Adhesions;

public sealed class AdhesionTests(AdminApp app) : IClassFixture<AdminApp>
{
    private static string NewEmail() => $"adh-{Guid.NewGuid():N}@exemple.org";

    private static List<KeyValuePair<string, string>> Person(string email, string choice)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.Name", "Léa Bernard"),
            new("Input.Role", "Directrice"),
            new("Input.Email", email),
            new("Input.Phone", "03 89 45 67 89"),
            new("Input.StructureChoice", choice),
            new("Input.Expectations", "Échanger avec les autres structures du Haut-Rhin."),
            new("Input.Charter", "true"),
            new("Input.Consent", "true"),
        ];
        return fields;
    }

    private static List<KeyValuePair<string, string>> NewStructure(string email, string name) =>
    [
        .. Person(email, "nouvelle"),
        .. Browsing.FormFields(new StructureForm
        {
            Name = name,
            Nature = "association",
            Actions = ["prevention"],
            Publics = ["mineurs-victimes"],
            Scope = "locale",
            Departements = ["68"],
            Commune = "68224",
            Website = "https://exemple.org",
        }),
    ];

    private async Task<List<MimeMessage>> MailsToAsync(string to)
    {
        await app.Factory.Services.GetRequiredService<OutboxDelivery>().FlushAsync();
        var folder = app.Factory.Services.GetRequiredService<PickupFolder>().Path;
        return !Directory.Exists(folder) ? [] :
            [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(x => x.Address == to))];
    }

    private Task<MembershipApplication> ApplicationOfAsync(string email) =>
        app.WithDbAsync(db => db.MembershipApplications.AsNoTracking().SingleAsync(a => a.ApplicantEmail == email));

    private Task<HttpResponseMessage> DecideAsync(string handler, int id, string? text = null)
    {
        var fields = new Dictionary<string, string> { ["adhesion"] = id.ToString(CultureInfo.InvariantCulture) };
        if (text is not null)
        {
            fields["Message.Text"] = text;
        }
        return app.Coordination.PostFormAsync("/admin/adhesions", fields, $"/admin/adhesions?handler={handler}");
    }

    [Fact]
    public async Task A_new_structure_waits_unpublished_then_accepting_publishes_it_and_invites_the_applicant()
    {
        var email = NewEmail();
        using var visitor = Browsing.Anonymous(app.Factory);
        using var posted = await visitor.PostFormAsync("/adhesion", NewStructure(email, "Collectif Vigilance Thur"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var application = await ApplicationOfAsync(email);
        Assert.Equal((ApplicationStatus.EnAttente, true, MembershipApplication.CharterVersion, MembershipApplication.ConsentVersion, (int?)null),
            (application.Status, application.NewStructure, application.CharterAccepted, application.ConsentAccepted, application.LinkRequestId));
        var pending = await app.StructureAsync(application.StructureId);
        Assert.Equal((StructureStatus.EnAttente, "Collectif Vigilance Thur", "68224", "adhésion"), (pending.Status, pending.Name, pending.CommuneCode, pending.Source));
        Assert.True(pending.IsConfidential);
        Assert.NotNull(pending.PublicAddressRequestedAt);
        Assert.DoesNotContain("Collectif Vigilance Thur", await visitor.Client.GetStringAsync(new Uri("/api/structures", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(["Demande d'adhésion reçue – Réseau PARÉ"], (await MailsToAsync(email)).Select(m => m.Subject ?? "").ToArray());
        Assert.Contains(await MailsToAsync(app.Coordination.Email!), m => m.Subject == "Une demande d'adhésion attend – Réseau PARÉ");

        using var accepted = await DecideAsync("Accepter", application.Id);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(ApplicationStatus.Acceptee, (await ApplicationOfAsync(email)).Status);
        Assert.Equal(StructureStatus.Publiee, (await app.StructureAsync(application.StructureId)).Status);
        Assert.Contains("Collectif Vigilance Thur", await visitor.Client.GetStringAsync(new Uri("/api/structures", UriKind.Relative)), StringComparison.Ordinal);
        var invitation = await app.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Email == email));
        Assert.Equal(application.StructureId, invitation.StructureId);
        var welcome = Assert.Single(await MailsToAsync(email), m => m.Subject == "Bienvenue dans le réseau PARÉ");
        Assert.Contains("https://localhost/invitation?jeton=", welcome.TextBody, StringComparison.Ordinal);

        using var twice = await DecideAsync("Accepter", application.Id);
        Assert.Single(await app.WithDbAsync(db => db.Invitations.AsNoTracking().Where(i => i.Email == email).ToListAsync()));
    }

    [Fact]
    public async Task Accepting_an_application_for_an_existing_structure_hands_its_management_to_no_one()
    {
        var structureId = await app.WithDbAsync(db => db.Structures.Where(s => s.Status == StructureStatus.Publiee).OrderBy(s => s.Id).Select(s => s.Id).Skip(3).FirstAsync());
        using var person = await Browsing.AsAsync(app.Factory, Roles.Membre);
        var fields = Person(person.Email!, "existante");
        fields.Add(new("Input.ExistingStructureId", structureId.ToString(CultureInfo.InvariantCulture)));
        using var posted = await person.PostFormAsync("/adhesion", fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var application = await ApplicationOfAsync(person.Email!);
        Assert.False(application.NewStructure);
        var request = await app.WithDbAsync(db => db.LinkRequests.AsNoTracking().SingleAsync(r => r.Id == application.LinkRequestId));
        Assert.Equal((structureId, person.UserId, LinkRequestStatus.EnAttente, "Directrice"), (request.StructureId, (string?)request.UserId, request.Status, request.RoleInStructure));

        using var accepted = await DecideAsync("Accepter", application.Id);
        Assert.Equal(ApplicationStatus.Acceptee, (await ApplicationOfAsync(person.Email!)).Status);
        Assert.False(await app.WithDbAsync(db => db.StructureMembers.AnyAsync(m => m.StructureId == structureId && m.UserId == person.UserId)));
        Assert.Equal(LinkRequestStatus.EnAttente, (await app.WithDbAsync(db => db.LinkRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id))).Status);
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Email == person.Email)));
        var welcome = Assert.Single(await MailsToAsync(person.Email!), m => m.Subject == "Bienvenue dans le réseau PARÉ");
        Assert.Contains("examinée à part", welcome.TextBody, StringComparison.Ordinal);

        var anonymousEmail = NewEmail();
        using var visitor = Browsing.Anonymous(app.Factory);
        var anonymous = Person(anonymousEmail, "existante");
        anonymous.Add(new("Input.ExistingStructureId", structureId.ToString(CultureInfo.InvariantCulture)));
        using var anonymousPost = await visitor.PostFormAsync("/adhesion", anonymous);
        using var anonymousAccepted = await DecideAsync("Accepter", (await ApplicationOfAsync(anonymousEmail)).Id);
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Email == anonymousEmail)));
        Assert.Contains($"https://localhost/structures/{structureId}/representer",
            Assert.Single(await MailsToAsync(anonymousEmail), m => m.Subject == "Bienvenue dans le réseau PARÉ").TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_information_then_refusing_tells_the_applicant_each_time_and_refuses_the_new_structure()
    {
        var email = NewEmail();
        using var visitor = Browsing.Anonymous(app.Factory);
        using var posted = await visitor.PostFormAsync("/adhesion", NewStructure(email, "Association Les Remparts"));
        var application = await ApplicationOfAsync(email);

        using var emptyQuestion = await DecideAsync("Question", application.Id, "  ");
        Assert.Equal(HttpStatusCode.OK, emptyQuestion.StatusCode);
        Assert.Contains("Écrivez le message : il est envoyé au demandeur.", WebUtility.HtmlDecode(await emptyQuestion.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var question = await DecideAsync("Question", application.Id, "Dans quelles communes intervenez-vous ?");
        var asked = await ApplicationOfAsync(email);
        Assert.Equal((ApplicationStatus.InformationDemandee, "Dans quelles communes intervenez-vous ?"), (asked.Status, asked.Question));
        Assert.Contains(await MailsToAsync(email), m => m.TextBody!.Contains("Dans quelles communes intervenez-vous ?", StringComparison.Ordinal));

        using var refused = await DecideAsync("Refuser", application.Id, "Votre action ne concerne pas les mineurs.");
        var decided = await ApplicationOfAsync(email);
        Assert.Equal((ApplicationStatus.Refusee, "Votre action ne concerne pas les mineurs."), (decided.Status, decided.RefusalReason));
        Assert.Equal(StructureStatus.Refusee, (await app.StructureAsync(application.StructureId)).Status);
        Assert.Contains(await MailsToAsync(email), m => m.Subject == "Demande d'adhésion non acceptée – Réseau PARÉ" && m.TextBody!.Contains("Votre action ne concerne pas les mineurs.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Errors_are_shown_beside_the_fields_the_input_is_kept_and_nothing_is_created()
    {
        var email = NewEmail();
        var fields = NewStructure(email, "Structure Sans Action").Where(f => f.Key is not ("Input.Charter" or "Form.Actions")).ToList();
        fields.RemoveAll(f => f.Key == "Input.Role");
        using var visitor = Browsing.Anonymous(app.Factory);
        using var response = await visitor.PostFormAsync("/adhesion", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("L'adhésion suppose d'accepter la charte du réseau.", html, StringComparison.Ordinal);
        Assert.Contains("Indiquez votre rôle dans la structure.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Léa Bernard\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Structure Sans Action\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Structures.AnyAsync(s => s.Name == "Structure Sans Action")));

        var noAction = NewStructure(email, "Structure Sans Action").Where(f => f.Key != "Form.Actions").ToList();
        using var second = await visitor.PostFormAsync("/adhesion", noAction);
        Assert.Contains("Cochez au moins une action.", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Structures.AnyAsync(s => s.Name == "Structure Sans Action")));
        Assert.False(await app.WithDbAsync(db => db.MembershipApplications.AnyAsync(a => a.ApplicantEmail == email)));

        var noChoice = Person(email, "existante");
        using var third = await visitor.PostFormAsync("/adhesion", noChoice);
        Assert.Contains("Choisissez votre structure dans la liste", WebUtility.HtmlDecode(await third.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_and_dropped()
    {
        var email = NewEmail();
        var fields = NewStructure(email, "Robot Structure");
        fields.Add(new(Honeypot.FieldName, "bonjour"));
        using var visitor = Browsing.Anonymous(app.Factory);
        using var response = await visitor.PostFormAsync("/adhesion", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Structures.AnyAsync(s => s.Name == "Robot Structure")));
        Assert.False(await app.WithDbAsync(db => db.MembershipApplications.AnyAsync(a => a.ApplicantEmail == email)));
    }

    [Fact]
    public async Task Applications_are_anonymised_twelve_months_after_their_decision_or_their_last_step()
    {
        var email = NewEmail();
        using var visitor = Browsing.Anonymous(app.Factory);
        using var posted = await visitor.PostFormAsync("/adhesion", NewStructure(email, "Association Retenue"));
        var application = await ApplicationOfAsync(email);
        var rule = new MembershipApplicationRetention(app.Factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.PareDbContext>();
        Assert.Contains(scope.ServiceProvider.GetServices<Web.Retention.IRetentionRule>(), r => r is MembershipApplicationRetention);

        Assert.Equal(0, await rule.ApplyAsync(db, application.CreatedAt.AddMonths(12).AddMinutes(-1), default));
        Assert.Equal(email, (await db.MembershipApplications.AsNoTracking().SingleAsync(a => a.Id == application.Id)).ApplicantEmail);

        var later = application.CreatedAt.AddMonths(12).AddMinutes(1);
        Assert.True(await rule.ApplyAsync(db, later, default) >= 1);
        var anonymised = await db.MembershipApplications.AsNoTracking().SingleAsync(a => a.Id == application.Id);
        Assert.Equal((MembershipApplication.Anonymised, MembershipApplication.Anonymised, (string?)null, (string?)null, ApplicationStatus.Refusee, (DateTime?)later),
            (anonymised.ApplicantName, anonymised.ApplicantEmail, anonymised.ApplicantPhone, anonymised.Expectations, anonymised.Status, anonymised.AnonymisedAt));
        Assert.Equal(0, await rule.ApplyAsync(db, later.AddDays(1), default));
    }
}
