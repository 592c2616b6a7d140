using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.ContactRequests;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Retention;

namespace PareNetwork.Tests.ContactRequests;

/// <summary>An app of its own with a confidential shelter that has a private contact, and one without any e-mail.</summary>
public sealed class ContactApp : IAsyncLifetime
{
    public const string PrivateEmail = "direction.refuge@exemple.org";
    public const string PrivatePhone = "06 98 76 54 32";
    public const string SecretAddress = "8 impasse des Tilleuls";
    public const string PublicPhone = "03 89 11 22 33";

    public PareAppFactory Factory { get; } = new();

    public int ShelterId { get; private set; }

    public int NoEmailShelterId { get; private set; }

    public int PublicStructureId { get; private set; }

    public Browsing Coordination { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var hautRhin = await db.Departements.FindAsync("68") ?? throw new InvalidOperationException();
            Structure Shelter(string name, string? privateEmail) => new()
            {
                Name = name,
                Nature = StructureNature.Etablissement,
                Actions = [StructureAction.Hebergement],
                Publics = [StructurePublic.MineursVictimes],
                Scope = Scope.Locale,
                Departements = [hautRhin],
                Address = SecretAddress,
                PrivateEmail = privateEmail,
                PrivatePhone = PrivatePhone,
                AddressVisibility = AddressVisibility.Confidentielle,
                Phones = [PublicPhone],
                Status = StructureStatus.Publiee,
            };
            var shelter = Shelter("Refuge des Tilleuls", PrivateEmail);
            var noEmail = Shelter("Refuge sans courriel", null);
            db.Structures.AddRange(shelter, noEmail);
            await db.SaveChangesAsync();
            ShelterId = shelter.Id;
            NoEmailShelterId = noEmail.Id;
            PublicStructureId = await db.Structures.Where(s => s.Status == StructureStatus.Publiee && s.AddressVisibility != AddressVisibility.Confidentielle)
                .Select(s => s.Id).FirstAsync();
        }
        Coordination = await Browsing.AsAsync(Factory, Roles.Coordination);
    }

    public async Task DisposeAsync()
    {
        Coordination.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async Task<T> WithDbAsync<T>(Func<PareDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }

    public async Task<List<MimeMessage>> MailsToAsync(string to)
    {
        await Service<OutboxDelivery>().FlushAsync();
        var folder = Service<PickupFolder>().Path;
        return !Directory.Exists(folder) ? [] :
            [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(x => x.Address == to))];
    }

    public static Dictionary<string, string> Fields(string email, string situation = "Une jeune accompagnée par notre service souhaite être hébergée rapidement.") => new()
    {
        ["Input.Name"] = "Claire Martin",
        ["Input.Role"] = "Assistante sociale de secteur",
        ["Input.Organisation"] = "Conseil départemental du Haut-Rhin",
        ["Input.Email"] = email,
        ["Input.Phone"] = "03 89 00 11 22",
        ["Input.Situation"] = situation,
        ["Input.NoMinorNamed"] = "true",
        ["Input.Consent"] = "true",
    };

    public async Task<ContactRequest> SubmitAsync(string email)
    {
        using var visitor = Browsing.Anonymous(Factory);
        using var response = await visitor.PostFormAsync($"/structures/{ShelterId}/mise-en-relation", Fields(email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await WithDbAsync(db => db.ContactRequests.AsNoTracking().SingleAsync(r => r.RequesterEmail == email));
    }
}

public sealed class ContactRequestTests(ContactApp app) : IClassFixture<ContactApp>
{
    private static string NewEmail() => $"pro-{Guid.NewGuid():N}@exemple.org";

    [Fact]
    public async Task The_confidential_structure_page_links_to_the_form_and_the_form_is_not_offered_for_a_public_structure()
    {
        using var visitor = Browsing.Anonymous(app.Factory);
        using var redirect = await visitor.GetAsync($"/structures/{app.ShelterId}");
        var page = await visitor.GetHtmlAsync(redirect.Headers.Location!.OriginalString);
        Assert.Contains($"href=\"/structures/{app.ShelterId}/mise-en-relation\"", page, StringComparison.Ordinal);
        Assert.Contains("Demander à être mis en relation", page, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", page, StringComparison.Ordinal);

        using var publicForm = await visitor.GetAsync($"/structures/{app.PublicStructureId}/mise-en-relation");
        Assert.Equal(HttpStatusCode.NotFound, publicForm.StatusCode);
        using var form = await visitor.GetAsync($"/structures/{app.ShelterId}/mise-en-relation");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.DoesNotContain(ContactApp.SecretAddress, await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_is_stored_with_its_consent_acknowledged_and_the_coordination_told()
    {
        var email = NewEmail();
        var request = await app.SubmitAsync(email);
        Assert.Equal((ContactRequestStatus.EnAttente, "Claire Martin", "Conseil départemental du Haut-Rhin", ContactRequest.ConsentVersion),
            (request.Status, request.RequesterName, request.RequesterOrganisation, request.ConsentAccepted));

        var acknowledgement = Assert.Single(await app.MailsToAsync(email));
        Assert.Equal("Demande de mise en relation reçue – Réseau PARÉ", acknowledgement.Subject);
        var toCoordination = await app.MailsToAsync(app.Coordination.Email!);
        Assert.Contains(toCoordination, m => m.Subject == "Une demande de mise en relation attend – Réseau PARÉ" && m.TextBody!.Contains("/admin/mises-en-relation", StringComparison.Ordinal));
        Assert.All(toCoordination, m => Assert.DoesNotContain("Une jeune accompagnée", m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forwarding_sends_the_request_to_the_private_contact_and_nothing_of_it_to_the_requester()
    {
        var email = NewEmail();
        var request = await app.SubmitAsync(email);
        using var forward = await app.Coordination.PostFormAsync("/admin/mises-en-relation", new() { ["demande"] = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/mises-en-relation?handler=Transmettre");
        Assert.Equal(HttpStatusCode.Redirect, forward.StatusCode);

        var decided = await app.WithDbAsync(db => db.ContactRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal(ContactRequestStatus.Transmise, decided.Status);
        Assert.NotNull(decided.DecidedBy);

        var toStructure = (await app.MailsToAsync(ContactApp.PrivateEmail)).Where(m => m.TextBody!.Contains(email, StringComparison.Ordinal)).ToList();
        var forwarded = Assert.Single(toStructure);
        Assert.Contains("Claire Martin", forwarded.TextBody, StringComparison.Ordinal);
        Assert.Contains("Une jeune accompagnée par notre service", forwarded.TextBody, StringComparison.Ordinal);

        var toRequester = await app.MailsToAsync(email);
        Assert.Equal(["Demande de mise en relation reçue – Réseau PARÉ", "Votre demande de mise en relation a été transmise – Réseau PARÉ"],
            toRequester.Select(m => m.Subject ?? "").Order(StringComparer.Ordinal).ToArray());
        foreach (var mail in toRequester)
        {
            foreach (var secret in new[] { ContactApp.PrivateEmail, ContactApp.PrivatePhone, ContactApp.SecretAddress, ContactApp.PublicPhone })
            {
                Assert.DoesNotContain(secret, mail.TextBody, StringComparison.Ordinal);
            }
        }

        using var again = await app.Coordination.PostFormAsync("/admin/mises-en-relation", new() { ["demande"] = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/mises-en-relation?handler=Transmettre");
        Assert.Single(await app.MailsToAsync(ContactApp.PrivateEmail), m => m.TextBody!.Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refusing_needs_a_reason_and_tells_the_requester()
    {
        var email = NewEmail();
        var request = await app.SubmitAsync(email);
        var id = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var noReason = await app.Coordination.PostFormAsync("/admin/mises-en-relation", new() { ["demande"] = id, ["Refusal.Reason"] = " " }, "/admin/mises-en-relation?handler=Refuser");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Indiquez la raison du refus", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var refuse = await app.Coordination.PostFormAsync("/admin/mises-en-relation", new() { ["demande"] = id, ["Refusal.Reason"] = "Nous n'avons pas pu vérifier votre fonction." }, "/admin/mises-en-relation?handler=Refuser");
        Assert.Equal(HttpStatusCode.Redirect, refuse.StatusCode);
        var decided = await app.WithDbAsync(db => db.ContactRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal((ContactRequestStatus.Refusee, "Nous n'avons pas pu vérifier votre fonction."), (decided.Status, decided.RefusalReason));
        var refusal = Assert.Single(await app.MailsToAsync(email), m => m.Subject!.StartsWith("Votre demande de mise en relation n'a pas", StringComparison.Ordinal));
        Assert.Contains("Nous n'avons pas pu vérifier votre fonction.", refusal.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.MailsToAsync(ContactApp.PrivateEmail), m => m.TextBody!.Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_structure_without_any_email_cannot_be_forwarded_to_and_the_request_stays_pending()
    {
        var email = NewEmail();
        using var visitor = Browsing.Anonymous(app.Factory);
        using var posted = await visitor.PostFormAsync($"/structures/{app.NoEmailShelterId}/mise-en-relation", ContactApp.Fields(email));
        var request = await app.WithDbAsync(db => db.ContactRequests.AsNoTracking().SingleAsync(r => r.RequesterEmail == email));
        using var forward = await app.Coordination.PostFormAsync("/admin/mises-en-relation", new() { ["demande"] = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/mises-en-relation?handler=Transmettre");
        Assert.Equal(HttpStatusCode.Redirect, forward.StatusCode);
        Assert.Equal(ContactRequestStatus.EnAttente, (await app.WithDbAsync(db => db.ContactRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id))).Status);
        var list = await app.Coordination.GetHtmlAsync("/admin/mises-en-relation");
        Assert.Contains("aucune adresse électronique", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_shown_in_French_beside_the_fields_and_the_typed_input_is_kept()
    {
        var email = NewEmail();
        var fields = ContactApp.Fields(email, "court");
        fields.Remove("Input.NoMinorNamed");
        fields["Input.Email"] = "pas-une-adresse";
        using var visitor = Browsing.Anonymous(app.Factory);
        using var response = await visitor.PostFormAsync($"/structures/{app.ShelterId}/mise-en-relation", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Adresse électronique invalide.", html, StringComparison.Ordinal);
        Assert.Contains("Entre 20 et 1 500 caractères.", html, StringComparison.Ordinal);
        Assert.Contains("Confirmez que votre message ne permet d'identifier aucun mineur.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Claire Martin\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"pas-une-adresse\"", html, StringComparison.Ordinal);
        Assert.Contains("court</textarea>", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ContactRequests.AnyAsync(r => r.RequesterEmail == "pas-une-adresse")));
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_and_dropped()
    {
        var email = NewEmail();
        var fields = ContactApp.Fields(email);
        fields[Honeypot.FieldName] = "https://spam.example";
        using var visitor = Browsing.Anonymous(app.Factory);
        using var response = await visitor.PostFormAsync($"/structures/{app.ShelterId}/mise-en-relation", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("envoye=true", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.False(await app.WithDbAsync(db => db.ContactRequests.AnyAsync(r => r.RequesterEmail == email)));
        Assert.Empty(await app.MailsToAsync(email));
    }

    [Fact]
    public async Task Requests_are_anonymised_after_twelve_months_and_a_second_pass_changes_nothing()
    {
        var email = NewEmail();
        var request = await app.SubmitAsync(email);
        var rule = new ContactRequestRetention(app.Service<Microsoft.Extensions.Configuration.IConfiguration>());
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        Assert.Contains(scope.ServiceProvider.GetServices<IRetentionRule>(), r => r is ContactRequestRetention);

        Assert.Equal(0, await rule.ApplyAsync(db, request.CreatedAt.AddMonths(12).AddMinutes(-1), default));
        Assert.Equal(email, (await db.ContactRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id)).RequesterEmail);

        var later = request.CreatedAt.AddMonths(12).AddMinutes(1);
        Assert.True(await rule.ApplyAsync(db, later, default) >= 1);
        var anonymised = await db.ContactRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id);
        Assert.Equal((ContactRequest.Anonymised, ContactRequest.Anonymised, ContactRequest.Anonymised, null, ContactRequest.Anonymised, ContactRequestStatus.Refusee, later),
            (anonymised.RequesterName, anonymised.RequesterEmail, anonymised.Situation, anonymised.RequesterPhone, anonymised.RequesterOrganisation, anonymised.Status, anonymised.AnonymisedAt));
        Assert.Equal(app.ShelterId, anonymised.StructureId);
        Assert.Equal(0, await rule.ApplyAsync(db, later.AddDays(1), default));
    }
}

public sealed class ContactRequestRateLimitTests
{
    [Fact]
    public async Task Too_many_submissions_from_one_address_get_a_429_in_French()
    {
        await using var limited = new PareAppFactory { FormsPermitLimit = 2 };
        int shelterId;
        await using (var scope = limited.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var shelter = new Structure
            {
                Name = "Refuge limité",
                Nature = StructureNature.Etablissement,
                Scope = Scope.Locale,
                AddressVisibility = AddressVisibility.Confidentielle,
                Status = StructureStatus.Publiee,
                PrivateEmail = "limite@exemple.org",
            };
            db.Structures.Add(shelter);
            await db.SaveChangesAsync();
            shelterId = shelter.Id;
        }
        using var visitor = Browsing.Anonymous(limited);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await visitor.PostFormAsync($"/structures/{shelterId}/mise-en-relation", ContactApp.Fields(NewEmail(i)));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Trop d'envois", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        using var page = await visitor.GetAsync($"/structures/{shelterId}/mise-en-relation");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        limited.DeleteFolder();
    }

    private static string NewEmail(int i) => $"limite-{i}-{Guid.NewGuid():N}@exemple.org";
}
