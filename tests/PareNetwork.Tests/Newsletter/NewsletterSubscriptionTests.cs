using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Newsletter;

namespace PareNetwork.Tests.Newsletter;

/// <summary>The public form, the double opt-in and the unsubscribe links, through the real pages, e-mails read from the pickup folder.</summary>
public sealed class NewsletterSubscriptionTests(NewsletterApp app) : IClassFixture<NewsletterApp>
{
    private static string NewEmail() => $"abonne-{Guid.NewGuid():N}@exemple.org";

    [Fact]
    public async Task The_form_has_the_seed_fields_and_an_unticked_consent_box_with_its_wording()
    {
        using var visitor = Browsing.Anonymous(app.Factory);
        using var response = await visitor.GetAsync("/newsletter");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Formulaire d'inscription à la newsletter PARÉ", html);
        Assert.Contains("<legend>Vous êtes :</legend>", html);
        Assert.Contains("<legend>Vous travaillez pour :</legend>", html);
        foreach (var name in new[] { "Input.Civility", "Input.FirstName", "Input.LastName", "Input.StructureType", "Input.Email", PareNetwork.Web.Forms.Honeypot.FieldName })
        {
            Assert.Contains($"name=\"{name}\"", html);
        }
        Assert.Contains(NewsletterForm.ConsentWording, html);
        Assert.Matches("<input type=\"checkbox\"[^>]*id=\"Input_Consent\"", html);
        Assert.DoesNotMatch("<input[^>]*id=\"Input_Consent\"[^>]*checked", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Subscribe_then_a_get_of_the_link_confirms_nothing_and_its_post_confirms_once()
    {
        var email = NewEmail();
        await app.SubscribeAsync(email);

        var pending = Assert.Single(await app.SubscribersAsync(email));
        Assert.Equal((SubscriptionStatus.EnAttente, "madame", "Camille", "Martin", "association"), (pending.Status, pending.Civility, pending.FirstName, pending.LastName, pending.StructureType));
        Assert.Null(pending.ConfirmedAt);

        var confirmation = await app.SingleMailAsync(email, NewsletterApp.ConfirmSubject);
        var link = NewsletterApp.LinkTo(confirmation, NewsletterMails.ConfirmPath);
        Assert.Equal(NewsletterSubscriber.Hash(NewsletterApp.Token(link)), pending.TokenHash);
        Assert.Equal(pending.RequestedAt + TimeSpan.FromDays(7), pending.TokenExpiresAt);
        Assert.Null(confirmation.Headers["List-Unsubscribe"]);

        using var visitor = Browsing.Anonymous(app.Factory);
        var page = await visitor.GetHtmlAsync(link);
        Assert.Contains("Confirmer mon inscription</button>", page);
        var afterGet = Assert.Single(await app.SubscribersAsync(email));
        Assert.Equal((SubscriptionStatus.EnAttente, (DateTime?)null), (afterGet.Status, afterGet.ConfirmedAt));
        Assert.DoesNotContain(await app.MailsToAsync(email), m => m.Subject == NewsletterApp.WelcomeSubject);

        using var post = await visitor.PostFormAsync(link, new() { ["jeton"] = NewsletterApp.Token(link) });
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/newsletter/confirmer?etat=confirmee", post.Headers.Location!.OriginalString);
        Assert.Contains("Votre inscription est confirmée", await visitor.GetHtmlAsync(post.Headers.Location.OriginalString));
        var confirmed = Assert.Single(await app.SubscribersAsync(email));
        Assert.Equal(SubscriptionStatus.Confirmee, confirmed.Status);
        Assert.NotNull(confirmed.ConfirmedAt);
        Assert.Null(confirmed.TokenHash);

        using var again = await visitor.PostFormAsync("/newsletter", new() { ["jeton"] = NewsletterApp.Token(link) }, link);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Ce lien n'est plus valable", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Single(await app.MailsToAsync(email), m => m.Subject == NewsletterApp.WelcomeSubject);
    }

    [Fact]
    public async Task The_welcome_mail_carries_the_one_click_headers_and_the_unsubscribe_link()
    {
        var email = NewEmail();
        var welcome = await app.SubscribeAndConfirmAsync(email);
        var subscriber = Assert.Single(await app.SubscribersAsync(email));
        var token = app.Service<NewsletterSecret>().UnsubscribeToken(subscriber.Id);

        Assert.Equal($"<https://localhost/newsletter/desabonnement/un-clic?jeton={token}>", welcome.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
        Assert.Equal($"/newsletter/desabonnement?jeton={token}", NewsletterApp.LinkTo(welcome, NewsletterMails.UnsubscribePath));

        var file = Directory.GetFiles(app.Service<PareNetwork.Web.Mail.PickupFolder>().Path, "*.eml")
            .Single(f => MimeKit.MimeMessage.Load(f) is var m && m.Subject == NewsletterApp.WelcomeSubject && m.To.Mailboxes.Single().Address == email);
        // Unfolded: MimeKit folds a long header line, as RFC 5322 allows.
        var eml = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(file), "\r?\n[ \t]+", " ");
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", eml);
        Assert.Contains("List-Unsubscribe: <https://localhost/newsletter/desabonnement/un-clic?jeton=", eml);
    }

    [Fact]
    public async Task The_unsubscribe_get_changes_nothing_and_its_post_unsubscribes()
    {
        var email = NewEmail();
        var welcome = await app.SubscribeAndConfirmAsync(email);
        var link = NewsletterApp.LinkTo(welcome, NewsletterMails.UnsubscribePath);

        using var visitor = Browsing.Anonymous(app.Factory);
        Assert.Contains("Me désinscrire</button>", await visitor.GetHtmlAsync(link));
        Assert.Equal(SubscriptionStatus.Confirmee, Assert.Single(await app.SubscribersAsync(email)).Status);

        using var post = await visitor.PostFormAsync(link, new() { ["jeton"] = NewsletterApp.Token(link) });
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/newsletter/desabonnement?etat=fait", post.Headers.Location!.OriginalString);
        var gone = Assert.Single(await app.SubscribersAsync(email));
        Assert.Equal((SubscriptionStatus.Desinscrite, "", "", ""), (gone.Status, gone.FirstName, gone.LastName, gone.StructureType));
        Assert.NotNull(gone.UnsubscribedAt);
        Assert.Equal(NewsletterForm.ConsentVersion, gone.ConsentVersion);

        var forged = link[..^4] + "AAAA";
        Assert.Contains("Ce lien de désinscription n'est pas valable", await visitor.GetHtmlAsync(forged));
    }

    [Fact]
    public async Task The_one_click_post_unsubscribes_without_cookie_nor_antiforgery_and_refuses_a_forged_token()
    {
        var email = NewEmail();
        var welcome = await app.SubscribeAndConfirmAsync(email);
        var url = new Uri(welcome.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;

        using var client = Browsing.NewClient(app.Factory);
        using (var forgedBody = new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]))
        using (var forged = await client.PostAsync(new Uri(url[..^4] + "AAAA", UriKind.Relative), forgedBody))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        using (var get = await client.GetAsync(new Uri(url, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.StartsWith("/newsletter/desabonnement?jeton=", get.Headers.Location!.OriginalString);
        }
        using (var noBody = await client.PostAsync(new Uri(url, UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        }
        Assert.Equal(SubscriptionStatus.Confirmee, Assert.Single(await app.SubscribersAsync(email)).Status);

        using var body = new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Vous êtes désinscrit(e) de la newsletter du réseau PARÉ.", await response.Content.ReadAsStringAsync());
        Assert.Equal(SubscriptionStatus.Desinscrite, Assert.Single(await app.SubscribersAsync(email)).Status);
    }

    [Fact]
    public async Task The_consent_proof_holds_the_wording_its_version_the_times_and_a_keyed_hash_of_the_ip()
    {
        var email = NewEmail();
        var before = DateTime.UtcNow;
        await app.SubscribeAndConfirmAsync(email);
        var s = Assert.Single(await app.SubscribersAsync(email));

        Assert.Equal(NewsletterForm.ConsentWording, s.ConsentWording);
        Assert.Equal("newsletter-2026-01", s.ConsentVersion);
        Assert.InRange(s.RequestedAt, before, DateTime.UtcNow);
        Assert.InRange(s.ConfirmedAt!.Value, s.RequestedAt, DateTime.UtcNow);
        Assert.Equal(DateTimeKind.Utc, s.RequestedAt.Kind);

        var plainSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(NewsletterApp.VisitorIp)));
        Assert.Equal(NewsletterApp.Hmac(NewsletterApp.VisitorIp), s.RequestIpHash);
        Assert.Equal(NewsletterApp.Hmac(NewsletterApp.VisitorIp), s.ConfirmationIpHash);
        Assert.NotEqual(plainSha256, s.RequestIpHash);
        Assert.DoesNotContain(NewsletterApp.VisitorIp, s.RequestIpHash!, StringComparison.Ordinal);

        // Nowhere in the database file either.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(app.Base.DatabasePath);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(NewsletterApp.VisitorIp)));
    }

    [Fact]
    public async Task The_generated_secret_is_kept_beside_the_keys_and_used_when_none_is_configured()
    {
        var folder = Directory.CreateTempSubdirectory("pare-secret-").FullName;
        try
        {
            var first = new NewsletterSecret(null, folder);
            var hash = first.HashIp(IPAddress.Parse("198.51.100.7"));
            var stored = await File.ReadAllTextAsync(Path.Combine(folder, NewsletterSecret.FileName));
            Assert.Equal(44, stored.Length);
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(stored), "198.51.100.7"u8)), hash);
            Assert.Equal(hash, new NewsletterSecret(null, folder).HashIp(IPAddress.Parse("::ffff:198.51.100.7")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, NewsletterSecret.FileName)));
            }
            Assert.Throws<InvalidOperationException>(() => new NewsletterSecret("trop-court", folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Subscribing_a_pending_or_confirmed_address_again_gives_the_same_answer_and_no_duplicate()
    {
        var email = NewEmail();
        await app.SubscribeAsync(email);
        await app.SubscribeAsync(email.ToUpperInvariant());
        Assert.Single(await app.SubscribersAsync(email));
        var confirmations = (await app.MailsToAsync(email)).Count(m => m.Subject == NewsletterApp.ConfirmSubject)
            + (await app.MailsToAsync(email.ToUpperInvariant())).Count(m => m.Subject == NewsletterApp.ConfirmSubject);
        Assert.Equal(2, confirmations);

        var other = NewEmail();
        await app.SubscribeAndConfirmAsync(other);
        var mailsBefore = await app.OutboxCountAsync(other);
        await app.SubscribeAsync(other, firstName: "Autre");
        var kept = Assert.Single(await app.SubscribersAsync(other));
        Assert.Equal((SubscriptionStatus.Confirmee, "Camille"), (kept.Status, kept.FirstName));
        Assert.Equal(mailsBefore, await app.OutboxCountAsync(other));

        using var visitor = Browsing.Anonymous(app.Factory);
        Assert.Equal(await ThanksAsync(visitor), await ThanksAsync(visitor));
    }

    [Fact]
    public async Task A_filled_honeypot_stores_nothing_sends_nothing_and_shows_the_same_thanks()
    {
        var email = NewEmail();
        using var visitor = Browsing.Anonymous(app.Factory);
        var fields = NewsletterApp.Form(email);
        fields[PareNetwork.Web.Forms.Honeypot.FieldName] = "https://spam.example";
        using var response = await visitor.PostFormAsync("/newsletter", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/newsletter?envoye=True", response.Headers.Location!.OriginalString);
        Assert.Empty(await app.SubscribersAsync(email));
        Assert.Equal(0, await app.OutboxCountAsync(email));
    }

    [Fact]
    public async Task Bad_input_gets_french_messages_beside_the_fields_and_keeps_what_was_typed()
    {
        var email = NewEmail();
        using var visitor = Browsing.Anonymous(app.Factory);
        var fields = NewsletterApp.Form("camille.martin-at-exemple.org", firstName: "Camille", lastName: "", structureType: "inconnu", consent: false);
        using var response = await visitor.PostFormAsync("/newsletter", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Indiquez votre nom.", html);
        Assert.Contains("Adresse électronique invalide : elle doit avoir la forme nom@exemple.fr.", html);
        Assert.Contains("Choisissez un type de structure de la liste.", html);
        Assert.Contains("Cochez la case pour accepter de recevoir la newsletter : sans votre accord, nous ne pouvons pas vous l'envoyer.", html);
        Assert.Matches("id=\"Input_FirstName\"[^>]*value=\"Camille\"", html);
        Assert.Matches("id=\"Input_Email\"[^>]*value=\"camille.martin-at-exemple.org\"", html);
        Assert.Matches("<option (selected=\"selected\" value=\"madame\"|value=\"madame\" selected=\"selected\")>", html);
        Assert.Empty(await app.SubscribersAsync("camille.martin-at-exemple.org"));

        using var empty = await visitor.PostFormAsync("/newsletter", new() { ["Input.Email"] = email, ["Input.Consent"] = "true" });
        var emptyHtml = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
        Assert.Contains("Indiquez votre prénom.", emptyHtml);
        Assert.Contains("Choisissez le type de structure pour laquelle vous travaillez.", emptyHtml);
        Assert.Matches("<input[^>]*checked=\"checked\"[^>]*id=\"Input_Consent\"|<input[^>]*id=\"Input_Consent\"[^>]*checked=\"checked\"", emptyHtml);
        Assert.Empty(await app.SubscribersAsync(email));
    }

    [Fact]
    public async Task The_pages_of_a_link_without_a_valid_token_say_so()
    {
        using var visitor = Browsing.Anonymous(app.Factory);
        Assert.Contains("Ce lien n'est plus valable", await visitor.GetHtmlAsync("/newsletter/confirmer?jeton=inconnu"));
        Assert.Contains("Ce lien n'est plus valable", await visitor.GetHtmlAsync("/newsletter/confirmer"));
        Assert.Contains("Ce lien de désinscription n'est pas valable", await visitor.GetHtmlAsync("/newsletter/desabonnement?jeton=" + new string('x', 500)));
        var count = await app.WithDbAsync(db => db.NewsletterSubscribers.CountAsync());
        using var post = await visitor.PostFormAsync("/newsletter", new() { ["jeton"] = "inconnu" }, "/newsletter/confirmer?jeton=inconnu");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(count, await app.WithDbAsync(db => db.NewsletterSubscribers.CountAsync()));
    }

    private static async Task<string> ThanksAsync(Browsing visitor) => await visitor.GetHtmlAsync("/newsletter?envoye=True") is var html
        ? html[html.IndexOf("<h1>", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)] : "";
}

/// <summary>The public forms' per-IP limit applies to the newsletter form.</summary>
public sealed class NewsletterRateLimitTests
{
    [Fact]
    public async Task A_third_submission_from_the_same_address_gets_429_and_is_not_stored()
    {
        var app = new NewsletterApp(null, formsPermitLimit: 2);
        try
        {
            using var visitor = Browsing.Anonymous(app.Factory);
            var answers = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                using var response = await visitor.PostFormAsync("/newsletter", NewsletterApp.Form($"limite-{i}@exemple.org"));
                answers.Add($"{(int)response.StatusCode} {(response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location : await response.Content.ReadAsStringAsync())}");
            }
            Assert.Equal(
            [
                "302 /newsletter?envoye=True",
                "302 /newsletter?envoye=True",
                "429 Trop d'envois depuis votre connexion en peu de temps. Réessayez dans quelques minutes ; ce que vous avez saisi n'a pas été enregistré.",
            ], answers);
            Assert.Empty(await app.SubscribersAsync("limite-2@exemple.org"));
            using var page = await visitor.GetAsync("/newsletter");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
