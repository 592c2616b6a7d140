using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Domain;
using static PareNetwork.Tests.Contributions.ContributionsApp;

namespace PareNetwork.Tests.Contributions;

/// <summary>/contribuer: each kind's happy path and main errors, the anti-abuse, the e-mails.</summary>
public sealed class ContributionFormTests(ContributionsApp app) : IClassFixture<ContributionsApp>
{
    [Fact]
    public async Task The_page_shows_every_kind_with_its_heading_and_the_token_first()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        using var response = await anonymous.GetAsync("/contribuer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<legend>Pour un événement</legend>", html, StringComparison.Ordinal);
        Assert.Contains("<legend>Pour une actualité du réseau</legend>", html, StringComparison.Ordinal);
        Assert.Contains("<legend>Pour une ressource</legend>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"pare_hp_commentaire\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/js/contribuer.js?v=", html, StringComparison.Ordinal);
        var form = html[html.IndexOf("<form method=\"post\" enctype=\"multipart/form-data\"", StringComparison.Ordinal)..];
        // The first field of the form is the token: the server reads it before any other part of the body.
        Assert.StartsWith("<input name=\"__RequestVerificationToken\"", form[(form.IndexOf('>') + 1)..].TrimStart(), StringComparison.Ordinal);
        Assert.Equal(1, CountOf(html, "name=\"__RequestVerificationToken\""));
        // The file field comes after every other field.
        Assert.True(form.IndexOf("type=\"file\"", StringComparison.Ordinal) > form.IndexOf("name=\"Submitter.Consent\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_is_stored_pending_with_its_own_place_and_both_mails_are_sent()
    {
        var (structureId, _) = await app.PublishedStructureAsync();
        using var anonymous = Browsing.Anonymous(app.Factory);
        var fields = Event("Journée d'étude sur le repérage");
        fields["Input.StructureId"] = structureId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var list = fields.ToList();
        list.Add(KeyValuePair.Create("Input.Departements", "68"));
        list.Add(KeyValuePair.Create("Input.Departements", "67"));

        var (status, _, location) = await SubmitAsync(anonymous, list);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/contribuer?envoye=true", location);
        var c = Assert.Single(await app.ContributionsTitledAsync("Journée d'étude sur le repérage"));
        Assert.Equal(ContributionKind.Evenement, c.Kind);
        Assert.Equal(ContributionStatus.EnAttente, c.Status);
        // 14:30 and 17:00 in Paris in March (UTC+1).
        Assert.Equal(new DateTime(2027, 3, 12, 13, 30, 0, DateTimeKind.Utc), c.StartsAt);
        Assert.Equal(new DateTime(2027, 3, 12, 16, 0, 0, DateTimeKind.Utc), c.EndsAt);
        Assert.Equal("Maison des associations, 12 rue de la Paix, Mulhouse", c.Place);
        Assert.False(c.Online);
        Assert.Equal("Association Exemple", c.Organiser);
        Assert.Equal("Professionnels de la protection de l'enfance", c.Audience);
        Assert.Equal("Dr Martin, Mme Leroy", c.Speakers);
        Assert.Equal("Gratuit", c.Price);
        Assert.Equal("https://exemple.org/inscription", c.RegistrationUrl);
        Assert.Equal("Une après-midi d'échanges sur le repérage.", c.Text);
        Assert.Equal(structureId, c.StructureId);
        Assert.Equal(["67", "68"], c.DepartementCodes);
        Assert.Equal(("Camille Durand", "camille.durand@exemple.org", "formulaire"), (c.SubmitterName, c.SubmitterEmail, c.Source));
        Assert.NotNull(c.ContactConsentAt);
        Assert.Null(c.FileName);

        var ack = Assert.Single(await app.MailsToAsync("camille.durand@exemple.org"));
        Assert.Equal("Contribution reçue – Réseau PARÉ", ack.Subject);
        Assert.Contains("« Journée d'étude sur le repérage »", ack.TextBody, StringComparison.Ordinal);
        var notice = (await app.MailsToAsync(app.Coordination.Email!)).Single(m => m.TextBody?.Contains("Journée d'étude sur le repérage", StringComparison.Ordinal) == true);
        Assert.Equal("Contribution à modérer : événement – Réseau PARÉ", notice.Subject);
        Assert.Contains("https://localhost/admin/contributions", notice.TextBody, StringComparison.Ordinal);

        var thanks = await anonymous.GetHtmlAsync(location!);
        Assert.Contains("Merci : votre contribution est transmise à la coordination du réseau PARÉ.", thanks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_online_event_needs_no_place_and_fields_of_other_kinds_are_not_kept()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var fields = Event("Webinaire des référents");
        fields.Remove("Input.Place");
        fields["Input.Online"] = "true";
        fields["Input.NewsText"] = "un texte d'actualité égaré";
        fields["Input.Author"] = "un auteur égaré";

        var (status, _, _) = await SubmitAsync(anonymous, fields);

        Assert.Equal(HttpStatusCode.Redirect, status);
        var c = Assert.Single(await app.ContributionsTitledAsync("Webinaire des référents"));
        Assert.True(c.Online);
        Assert.Null(c.Place);
        Assert.Null(c.Author);
        Assert.Equal("Une après-midi d'échanges sur le repérage.", c.Text);
    }

    [Fact]
    public async Task An_event_without_date_place_nor_organiser_is_shown_again_with_French_errors_and_the_input_kept()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var fields = Event("Colloque sans date");
        fields.Remove("Input.StartDate");
        fields.Remove("Input.EndDate");
        fields.Remove("Input.Place");
        fields.Remove("Input.Organiser");
        fields["Input.RegistrationUrl"] = "javascript:alert(1)";

        var (status, html, _) = await SubmitAsync(anonymous, fields);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("La contribution n'a pas été envoyée : corrigez les champs signalés.", html, StringComparison.Ordinal);
        Assert.Equal("Indiquez la date de l'événement.", FieldError(html, "input-startdate"));
        Assert.Equal("Indiquez le lieu de l'événement, ou cochez « En ligne ».", FieldError(html, "input-place"));
        Assert.Equal("Indiquez qui organise l'événement.", FieldError(html, "input-organiser"));
        Assert.Equal("Indiquez une adresse web complète, commençant par https:// (ou laissez le champ vide).", FieldError(html, "input-registrationurl"));
        Assert.Equal("Colloque sans date", InputValue(html, "Input.Title"));
        Assert.Equal("Dr Martin, Mme Leroy", html.Split("name=\"Input.Speakers\"")[1].Split('>')[1].Split('<')[0]);
        Assert.Equal("Camille Durand", InputValue(html, "Submitter.Name"));
        Assert.Contains("value=\"evenement\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Empty(await app.ContributionsTitledAsync("Colloque sans date"));
    }

    [Fact]
    public async Task An_event_ending_before_it_starts_is_refused()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var fields = Event("Événement à l'envers");
        fields["Input.EndDate"] = "2027-03-11";

        var (status, html, _) = await SubmitAsync(anonymous, fields);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("La fin doit venir après le début.", FieldError(html, "input-enddate"));
    }

    [Fact]
    public async Task A_news_item_is_stored_and_one_without_text_is_refused()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var (status, _, _) = await SubmitAsync(anonymous, News("Trois associations rejoignent le réseau"));
        Assert.Equal(HttpStatusCode.Redirect, status);
        var c = Assert.Single(await app.ContributionsTitledAsync("Trois associations rejoignent le réseau"));
        Assert.Equal((ContributionKind.Actualite, "Hauts-de-France", "https://exemple.org/actualite"), (c.Kind, c.Territory, c.Link));
        Assert.Equal("Le réseau s'agrandit : trois nouvelles associations nous rejoignent.", c.Text);
        Assert.Null(c.StartsAt);

        var fields = News("Actualité vide");
        fields.Remove("Input.NewsText");
        var (refused, html, _) = await SubmitAsync(anonymous, fields);
        Assert.Equal(HttpStatusCode.OK, refused);
        Assert.Equal("Écrivez le texte de l'actualité.", FieldError(html, "input-newstext"));
        Assert.Equal("Hauts-de-France", InputValue(html, "Input.Territory"));
        Assert.Empty(await app.ContributionsTitledAsync("Actualité vide"));
    }

    [Fact]
    public async Task A_resource_without_file_is_stored_and_its_missing_fields_are_named()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var (status, _, _) = await SubmitAsync(anonymous, Resource("Guide du repérage"));
        Assert.Equal(HttpStatusCode.Redirect, status);
        var c = Assert.Single(await app.ContributionsTitledAsync("Guide du repérage"));
        Assert.Equal((ContributionKind.Ressource, "guide", "Fondation Exemple"), (c.Kind, c.ResourceKind, c.Author));
        Assert.Equal(("Un guide pour repérer les signaux d'alerte.", "https://exemple.org/guide.pdf"), (c.Text, c.Link));

        var fields = Resource("Ressource incomplète");
        fields["Input.ResourceKind"] = "inconnu";
        fields.Remove("Input.Author");
        fields.Remove("Input.Summary");
        var (refused, html, _) = await SubmitAsync(anonymous, fields);
        Assert.Equal(HttpStatusCode.OK, refused);
        Assert.Equal("Choisissez le type de ressource.", FieldError(html, "input-resourcekind"));
        Assert.Equal("Indiquez l'auteur ou l'organisation qui publie la ressource.", FieldError(html, "input-author"));
        Assert.Equal("Résumez la ressource en quelques lignes.", FieldError(html, "input-summary"));
        Assert.Empty(await app.ContributionsTitledAsync("Ressource incomplète"));
    }

    [Fact]
    public async Task Kind_submitter_consent_structure_and_departements_are_checked()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var fields = new List<KeyValuePair<string, string>>
        {
            KeyValuePair.Create("Input.Title", "Sans type"),
            KeyValuePair.Create("Submitter.Email", "pas-une-adresse"),
        };
        var (status, html, _) = await SubmitAsync(anonymous, fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Choisissez le type de contribution : événement, actualité du réseau ou ressource.", FieldError(html, "input-kind"));
        Assert.Equal("Indiquez votre nom.", FieldError(html, "submitter-name"));
        Assert.Equal("Adresse électronique invalide.", FieldError(html, "submitter-email"));
        Assert.Equal("Cochez cette case : la coordination doit pouvoir vous écrire au sujet de votre contribution.", FieldError(html, "submitter-consent"));

        var other = Resource("Structure inconnue");
        other["Input.StructureId"] = "999999";
        var withDepartement = other.ToList();
        withDepartement.Add(KeyValuePair.Create("Input.Departements", "99"));
        var (refused, page, _) = await SubmitAsync(anonymous, withDepartement);
        Assert.Equal(HttpStatusCode.OK, refused);
        Assert.Equal("Choisissez une structure de la liste.", FieldError(page, "input-structureid"));
        Assert.Equal("Département inconnu : « 99 ».", FieldError(page, "input-departements"));
        Assert.Empty(await app.ContributionsTitledAsync("Structure inconnue"));
    }

    [Fact]
    public async Task A_confidential_structure_lends_its_name_to_the_list_but_never_its_address()
    {
        await app.WithDbAsync(async db =>
        {
            var shelter = new Structure
            {
                Name = "Foyer discret des tests",
                Nature = StructureNature.Association,
                Actions = [StructureAction.Hebergement],
                Publics = [StructurePublic.Jeunes],
                Scope = Scope.Departementale,
                Departements = [await db.Departements.SingleAsync(d => d.Code == "68")],
                Status = StructureStatus.Publiee,
                AddressVisibility = AddressVisibility.Confidentielle,
                Address = "7 impasse des Tilleuls cachés",
            };
            shelter.PlaceAt(await db.Communes.FindAsync("68224"), null);
            db.Structures.Add(shelter);
            return await db.SaveChangesAsync();
        });
        using var anonymous = Browsing.Anonymous(app.Factory);
        var html = await anonymous.GetHtmlAsync("/contribuer");
        Assert.Contains(">Foyer discret des tests</option>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Tilleuls", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_the_same_and_nothing_is_stored_nor_mailed()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var fields = News("Robot pressé");
        fields["Input.Title"] = "Robot pressé";
        fields["Submitter.Email"] = "robot@exemple.org";
        fields[PareNetwork.Web.Forms.Honeypot.FieldName] = "https://spam.example";
        var files = app.StoredFiles();

        var (status, _, location) = await SubmitAsync(anonymous, fields, Bytes(Pdf()), "spam.pdf");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/contribuer?envoye=true", location);
        Assert.Empty(await app.ContributionsTitledAsync("Robot pressé"));
        Assert.Empty(await app.MailsToAsync("robot@exemple.org"));
        Assert.Equal(files, app.StoredFiles());

        // The same without a file (an urlencoded form).
        using var plain = await anonymous.PostFormAsync("/contribuer", fields);
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.Empty(await app.ContributionsTitledAsync("Robot pressé"));
    }

    [Fact]
    public async Task A_form_without_a_file_may_also_come_urlencoded()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        using var response = await anonymous.PostFormAsync("/contribuer", News("Actualité sans fichier"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await app.ContributionsTitledAsync("Actualité sans fichier"));
    }

    [Fact]
    public async Task Without_a_valid_token_first_the_body_is_refused_with_400_and_nothing_is_stored()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        await anonymous.GetAsync("/contribuer");
        using var noToken = new MultipartFormDataContent();
        foreach (var (name, value) in News("Sans jeton"))
        {
            noToken.Add(new StringContent(value), name);
        }
        using var refused = await anonymous.Client.PostAsync(new Uri("/contribuer", UriKind.Relative), noToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var forged = new MultipartFormDataContent { { new StringContent("CfDJ8-faux-jeton"), "__RequestVerificationToken" } };
        foreach (var (name, value) in News("Jeton forgé"))
        {
            forged.Add(new StringContent(value), name);
        }
        using var refusedToo = await anonymous.Client.PostAsync(new Uri("/contribuer", UriKind.Relative), forged);
        Assert.Equal(HttpStatusCode.BadRequest, refusedToo.StatusCode);

        Assert.Empty(await app.ContributionsTitledAsync("Sans jeton"));
        Assert.Empty(await app.ContributionsTitledAsync("Jeton forgé"));
    }

    [Fact]
    public async Task The_token_may_come_as_a_request_header_instead()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var token = await PareNetwork.Tests.Transfers.ImportPage.AntiforgeryTokenAsync(anonymous, "/contribuer");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in News("Jeton en en-tête"))
        {
            form.Add(new StringContent(value), name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/contribuer") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await anonymous.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await app.ContributionsTitledAsync("Jeton en en-tête"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

/// <summary>The per-IP limit of the public forms, on a factory that allows two submissions.</summary>
public sealed class ContributionRateLimitTests : IAsyncLifetime
{
    private readonly PareAppFactory _factory = new() { FormsPermitLimit = 2 };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _factory.DeleteFolder();
    }

    [Fact]
    public async Task The_third_submission_gets_429_and_is_not_stored()
    {
        using var anonymous = Browsing.Anonymous(_factory);
        var (first, _, _) = await SubmitAsync(anonymous, News("Première"));
        var (second, _, _) = await SubmitAsync(anonymous, News("Deuxième"));
        using var form = await FormAsync(anonymous, News("Troisième"));
        using var third = await anonymous.Client.PostAsync(new Uri("/contribuer", UriKind.Relative), form);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests), (first, second, third.StatusCode));
        Assert.Contains("Trop d'envois depuis votre connexion", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareNetwork.Web.Data.PareDbContext>();
        string[] submitted = ["Première", "Deuxième", "Troisième"];
        Assert.Equal(["Deuxième", "Première"], db.Contributions.Where(c => submitted.Contains(c.Title)).Select(c => c.Title).Order().ToList());
        // Reading the form is never limited.
        using var get = await anonymous.GetAsync("/contribuer");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }
}
