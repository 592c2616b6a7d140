using System.Net;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Tests.Transfers;
using PareNetwork.Web.History;
using PareNetwork.Web.Pages;

namespace PareNetwork.Tests.Freshness;

/// <summary>The « Tout est exact » link: the GET confirms nothing, the POST once, recorded in the history; never a 500.</summary>
public sealed class ConfirmationLinkTests
{
    private const string Button = "Confirmer : tout est exact";
    private const string Used = "Ce lien a déjà servi";
    private const string Invalid = "Ce lien n'est pas valable";
    private const string Expired = "Ce lien a expiré";

    /// <summary>Posts the link's form with an antiforgery token of this visitor's session (read from the sign-in page when the link's page has no form).</summary>
    private static async Task<HttpResponseMessage> PostAsync(Browsing visitor, string token, string? honeypot = null)
    {
        var antiforgery = await ImportPage.AntiforgeryTokenAsync(visitor, "/connexion");
        var fields = new Dictionary<string, string> { ["jeton"] = token, ["__RequestVerificationToken"] = antiforgery };
        if (honeypot is not null)
        {
            fields[PareNetwork.Web.Forms.Honeypot.FieldName] = honeypot;
        }
        using var content = new FormUrlEncodedContent(fields);
        return await visitor.Client.PostAsync(new Uri("/confirmer-fiche", UriKind.Relative), content);
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task The_get_confirms_nothing_the_post_confirms_once_through_the_campaign_channel_and_a_second_post_is_refused()
    {
        await using var app = new FreshnessApp();
        var confirmedBefore = FreshnessApp.Start.AddMonths(-8);
        var id = await app.CreateStructureAsync("Association du lien", confirmedAt: confirmedBefore);
        var (email, userId) = await app.AddMemberAsync(id);
        await app.RunRemindersAsync();
        var link = FreshnessApp.ConfirmLink(Assert.Single(await app.MailsToAsync(email)));
        var token = FreshnessApp.Token(link);
        var historyBefore = (await app.HistoryAsync(id)).Count;

        // A mail scanner, or the person, opens the link: the page names the structure and confirms nothing.
        using var visitor = Browsing.Anonymous(app.Factory);
        using (var get = await visitor.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var page = await HtmlAsync(get);
            Assert.Contains("« Association du lien »", page, StringComparison.Ordinal);
            Assert.Contains(Button, page, StringComparison.Ordinal);
        }
        Assert.Equal(confirmedBefore, (await app.StructureAsync(id)).ConfirmedAt);
        Assert.Equal(historyBefore, (await app.HistoryAsync(id)).Count);

        // Without the antiforgery token, nothing either.
        using (var bare = new FormUrlEncodedContent(new Dictionary<string, string> { ["jeton"] = token }))
        using (var forged = await visitor.Client.PostAsync(new Uri("/confirmer-fiche", UriKind.Relative), bare))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        Assert.Equal(confirmedBefore, (await app.StructureAsync(id)).ConfirmedAt);

        app.Time.Advance(TimeSpan.FromHours(2));
        var confirmedAt = app.Now;
        using (var post = await PostAsync(visitor, token))
        {
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            var thanks = await visitor.GetHtmlAsync(post.Headers.Location!.OriginalString);
            Assert.Contains("les informations de <strong>« Association du lien »</strong> sont confirmées à la date d'aujourd'hui", thanks, StringComparison.Ordinal);
        }
        var structure = await app.StructureAsync(id);
        var pseudonym = (await app.WithDbAsync(db => db.Users.FindAsync(userId).AsTask()))!.Pseudonym;
        Assert.Equal((confirmedAt, pseudonym), (structure.ConfirmedAt, structure.ConfirmedBy));
        var recorded = (await app.HistoryAsync(id)).Skip(historyBefore).ToList();
        Assert.Equal([StructureFields.Confirmation, StructureFields.ConfirmePar], recorded.Select(c => c.Field).Order(StringComparer.Ordinal));
        Assert.All(recorded, c => Assert.Equal((ChangeChannel.Campagne, pseudonym, userId, confirmedAt), (c.Channel, c.AuthorLabel, c.AuthorId, c.At)));
        Assert.Equal(StructureFields.Format(confirmedAt), recorded.Single(c => c.Field == StructureFields.Confirmation).NewValue);

        // The same link again, later: refused, and the confirmation stays the first one.
        app.Time.Advance(TimeSpan.FromHours(1));
        using (var again = await PostAsync(visitor, token))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains(Used, await HtmlAsync(again), StringComparison.Ordinal);
        }
        using var other = Browsing.Anonymous(app.Factory);
        var reopened = await other.GetHtmlAsync(link);
        Assert.Contains(Used, reopened, StringComparison.Ordinal);
        Assert.Contains($"/connexion?retour=%2Fespace%2Fstructures%2F{id}", reopened, StringComparison.Ordinal);
        Assert.DoesNotContain(Button, reopened, StringComparison.Ordinal);
        Assert.Equal(confirmedAt, (await app.StructureAsync(id)).ConfirmedAt);
        Assert.Equal(historyBefore + 2, (await app.HistoryAsync(id)).Count);
    }

    [Fact]
    public async Task A_tampered_expired_or_outdated_link_confirms_nothing_and_says_why_in_french()
    {
        await using var app = new FreshnessApp();
        var confirmedBefore = FreshnessApp.Start.AddMonths(-7);
        var id = await app.CreateStructureAsync("Association au lien contrôlé", confirmedAt: confirmedBefore, email: "contact@controle.exemple.org");
        var twin = await app.CreateStructureAsync("Association jumelle", confirmedAt: confirmedBefore);
        var (first, _) = await app.AddMemberAsync(twin);
        var (second, _) = await app.AddMemberAsync(twin);
        await app.RunRemindersAsync();
        var token = FreshnessApp.Token(FreshnessApp.ConfirmLink(Assert.Single(await app.MailsToAsync("contact@controle.exemple.org"))));
        using var visitor = Browsing.Anonymous(app.Factory);

        // Tampered: one character changed, cut short, garbage, missing.
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];
        foreach (var bad in new[] { tampered, token[..^1], new string('x', 5000), " ", "\u202e" + token })
        {
            using (var get = await visitor.GetAsync("/confirmer-fiche?jeton=" + Uri.EscapeDataString(bad)))
            {
                Assert.Equal(HttpStatusCode.OK, get.StatusCode);
                Assert.Contains(Invalid, await HtmlAsync(get), StringComparison.Ordinal);
            }
            using var post = await PostAsync(visitor, bad);
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains(Invalid, await HtmlAsync(post), StringComparison.Ordinal);
        }
        using (var none = await visitor.GetAsync("/confirmer-fiche"))
        {
            Assert.Contains(Invalid, await HtmlAsync(none), StringComparison.Ordinal);
            Assert.Contains("/connexion?retour=%2Fespace", await HtmlAsync(none), StringComparison.Ordinal);
        }
        Assert.Equal(confirmedBefore, (await app.StructureAsync(id)).ConfirmedAt);

        // A robot filling the honeypot is thanked, and nothing is stored.
        using (var robot = await PostAsync(visitor, token, honeypot: "https://spam.example"))
        {
            Assert.Contains("Merci", await HtmlAsync(robot), StringComparison.Ordinal);
        }
        Assert.Equal(confirmedBefore, (await app.StructureAsync(id)).ConfirmedAt);

        // Two people were mailed for the twin: once one confirms, the other's link has nothing left to do.
        var firstToken = FreshnessApp.Token(FreshnessApp.ConfirmLink(Assert.Single(await app.MailsToAsync(first))));
        var secondToken = FreshnessApp.Token(FreshnessApp.ConfirmLink(Assert.Single(await app.MailsToAsync(second))));
        using (var confirmed = await PostAsync(visitor, firstToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }
        using (var late = await PostAsync(visitor, secondToken))
        {
            Assert.Contains("a déjà été confirmée le 1er mars 2027", await HtmlAsync(late), StringComparison.Ordinal);
        }

        // Thirty days after it was sent the link has expired: refused, offering to sign in.
        app.Time.Advance(TimeSpan.FromDays(30));
        var expiredPage = await visitor.GetHtmlAsync("/confirmer-fiche?jeton=" + token);
        Assert.Contains(Expired, expiredPage, StringComparison.Ordinal);
        Assert.Contains("Se connecter", expiredPage, StringComparison.Ordinal);
        using (var post = await PostAsync(visitor, token))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains(Expired, await HtmlAsync(post), StringComparison.Ordinal);
        }
        Assert.Equal(confirmedBefore, (await app.StructureAsync(id)).ConfirmedAt);
    }

    [Fact]
    public async Task The_public_contact_s_link_confirms_under_the_contact_label_with_no_account()
    {
        await using var app = new FreshnessApp();
        var id = await app.CreateStructureAsync("Association sans compte", confirmedAt: FreshnessApp.Start.AddMonths(-13), email: "accueil@sans-compte.exemple.org");
        await app.RunRemindersAsync();
        var token = FreshnessApp.Token(FreshnessApp.ConfirmLink(Assert.Single(await app.MailsToAsync("accueil@sans-compte.exemple.org"))));

        using var visitor = Browsing.Anonymous(app.Factory);
        using (var post = await PostAsync(visitor, token))
        {
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        }
        var structure = await app.StructureAsync(id);
        Assert.Equal((app.Now, ConfirmerFicheModel.ContactLabel), (structure.ConfirmedAt, structure.ConfirmedBy));
        var change = (await app.HistoryAsync(id)).Last(c => c.Field == StructureFields.Confirmation);
        Assert.Equal((ChangeChannel.Campagne, ConfirmerFicheModel.ContactLabel, (string?)null), (change.Channel, change.AuthorLabel, change.AuthorId));
    }
}
