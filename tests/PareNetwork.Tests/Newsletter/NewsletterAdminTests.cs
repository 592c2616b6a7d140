using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Newsletter;

namespace PareNetwork.Tests.Newsletter;

/// <summary>/admin/newsletter: the counts and the CSV of the confirmed subscribers, each export logged.</summary>
public sealed class NewsletterAdminTests(NewsletterApp app) : IClassFixture<NewsletterApp>
{
    [Fact]
    public async Task The_coordination_sees_the_counts_and_exports_the_confirmed_subscribers_for_french_excel()
    {
        await app.SubscribeAndConfirmAsync("b.confirmee@exemple.org");
        using (var visitor = Browsing.Anonymous(app.Factory))
        {
            var fields = NewsletterApp.Form("a.formule@exemple.org", firstName: "=HYPERLINK(\"http://x\")", lastName: "Dupont; fils", structureType: "protection-enfance");
            fields["Input.Civility"] = "";
            using var response = await visitor.PostFormAsync("/newsletter", fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var mail = await app.SingleMailAsync("a.formule@exemple.org", NewsletterApp.ConfirmSubject);
            var link = NewsletterApp.LinkTo(mail, NewsletterMails.ConfirmPath);
            using var confirmed = await visitor.PostFormAsync(link, new() { ["jeton"] = NewsletterApp.Token(link) });
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }
        await app.SubscribeAsync("c.en-attente@exemple.org");
        var leaving = await app.SubscribeAndConfirmAsync("d.partie@exemple.org");
        using (var visitor = Browsing.Anonymous(app.Factory))
        {
            var link = NewsletterApp.LinkTo(leaving, NewsletterMails.UnsubscribePath);
            using var left = await visitor.PostFormAsync(link, new() { ["jeton"] = NewsletterApp.Token(link) });
            Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        }

        using var coordination = await Browsing.AsAsync(app.Factory, Roles.Coordination);
        var page = await coordination.GetHtmlAsync("/admin/newsletter");
        Assert.Contains("<span class=\"bo-nombre\">1</span> en attente de confirmation", page);
        Assert.Contains("<span class=\"bo-nombre\">2</span> confirmées", page);
        Assert.Contains("<span class=\"bo-nombre\">1</span> désinscrite", page);
        Assert.Contains("Aucun export des abonnés n'a été fait.", page);

        using var csv = await coordination.PostFormAsync("/admin/newsletter", new Dictionary<string, string>(), "/admin/newsletter/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.True(csv.Headers.CacheControl!.NoStore);
        Assert.StartsWith("abonnes-newsletter-pare-", csv.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var subscribers = await app.WithDbAsync(db => db.NewsletterSubscribers.AsNoTracking().Where(s => s.Status == SubscriptionStatus.Confirmee).OrderBy(s => s.NormalizedEmail).ToListAsync());
        string Paris(DateTime at) => PareNetwork.Web.Pages.Shared.Display.ParisTime(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var expected = string.Join("\r\n",
            "civilite;prenom;nom;type_structure;email;confirme_le;renouvele_le;consentement_version",
            $";\"'=HYPERLINK(\"\"http://x\"\")\";\"Dupont; fils\";Établissement ou service de protection de l'enfance (ASE, PJJ);a.formule@exemple.org;{Paris(subscribers[0].ConfirmedAt!.Value)};;newsletter-2026-01",
            $"Madame;Camille;Martin;Association ou fondation;b.confirmee@exemple.org;{Paris(subscribers[1].ConfirmedAt!.Value)};;newsletter-2026-01",
            "");
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));

        var log = await app.WithDbAsync(db => db.ExportLogs.AsNoTracking().SingleAsync(l => l.Filter == NewsletterExport.LogFilter));
        Assert.Equal((coordination.UserId, 2, 0), (log.UserId, log.Rows, log.ConfidentialRows));
        Assert.Contains("<td>2</td>", await coordination.GetHtmlAsync("/admin/newsletter"));
    }

    [Fact]
    public async Task Only_the_coordination_opens_the_page_or_the_export()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        using (var response = await anonymous.GetAsync("/admin/newsletter"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/connexion", new Uri(new Uri("https://localhost"), response.Headers.Location!).AbsolutePath);
        }
        foreach (var role in new[] { Roles.Membre, Roles.Dgcs })
        {
            using var browsing = await Browsing.AsAsync(app.Factory, role);
            using var page = await browsing.GetAsync("/admin/newsletter");
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            using var export = await browsing.PostFormAsync("/connexion", new Dictionary<string, string>(), "/admin/newsletter/csv");
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
            Assert.Equal(0, await app.WithDbAsync(db => db.ExportLogs.CountAsync(l => l.UserId == browsing.UserId)));
        }
    }
}
