using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Retention;
using static PareNetwork.Tests.Contributions.ContributionsApp;

namespace PareNetwork.Tests.Contributions;

/// <summary>/admin/contributions: the list, editing before approval, publish, refuse with a reason, duplicate; the retention of refused files.</summary>
public sealed class ModerationTests(ContributionsApp app) : IClassFixture<ContributionsApp>
{
    private async Task<int> SubmitAsync(Dictionary<string, string> fields, HttpContent? file = null)
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var (status, _, _) = await ContributionsApp.SubmitAsync(anonymous, fields, file);
        Assert.Equal(HttpStatusCode.Redirect, status);
        return Assert.Single(await app.ContributionsTitledAsync(fields["Input.Title"])).Id;
    }

    private static string Page(int id) => $"/admin/contributions/{id}";

    /// <summary>The edit form's fields as the page shows them, with changes.</summary>
    private static List<KeyValuePair<string, string>> EditFields(Dictionary<string, string> submitted, Action<Dictionary<string, string>>? change = null)
    {
        var fields = submitted.Where(f => f.Key.StartsWith("Input.", StringComparison.Ordinal)).ToDictionary();
        change?.Invoke(fields);
        return [.. fields];
    }

    [Fact]
    public async Task The_list_shows_pending_items_and_filters_by_status_and_kind()
    {
        var news = await SubmitAsync(News("Actualité à lister"));
        var resource = await SubmitAsync(Resource("Ressource à lister"));

        var pending = await app.Coordination.GetHtmlAsync("/admin/contributions");
        Assert.Contains($"data-contribution=\"{news}\"", pending, StringComparison.Ordinal);
        Assert.Contains($"data-contribution=\"{resource}\"", pending, StringComparison.Ordinal);

        var resourcesOnly = await app.Coordination.GetHtmlAsync("/admin/contributions?type=ressource");
        Assert.Contains($"data-contribution=\"{resource}\"", resourcesOnly, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-contribution=\"{news}\"", resourcesOnly, StringComparison.Ordinal);

        var published = await app.Coordination.GetHtmlAsync("/admin/contributions?statut=publiee");
        Assert.DoesNotContain($"data-contribution=\"{news}\"", published, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_after_editing_publishes_the_edited_item_and_tells_the_submitter()
    {
        var submitted = Event("Colloque à relire");
        var id = await SubmitAsync(submitted);
        var page = await app.Coordination.GetHtmlAsync(Page(id));
        Assert.Contains("value=\"Colloque à relire\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"2027-03-12\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"14:30\"", page, StringComparison.Ordinal);

        var html = await AdminPostAndFollowAsync(Page(id), EditFields(submitted, f =>
        {
            f["Input.Title"] = "Colloque régional sur le repérage";
            f["Input.Place"] = "Salle des fêtes, Colmar";
        }), Page(id) + "?handler=Publier");

        Assert.Contains("Contribution publiée ; le contributeur en est informé par courriel.", html, StringComparison.Ordinal);
        var c = await app.ContributionAsync(id);
        Assert.Equal(ContributionStatus.Publiee, c.Status);
        Assert.Equal(("Colloque régional sur le repérage", "Salle des fêtes, Colmar"), (c.Title, c.Place));
        Assert.Equal(new DateTime(2027, 3, 12, 13, 30, 0, DateTimeKind.Utc), c.StartsAt);
        Assert.NotNull(c.ModeratedAt);
        Assert.StartsWith("compte ", c.ModeratedBy, StringComparison.Ordinal);
        var mail = (await app.MailsToAsync("camille.durand@exemple.org")).Single(m => m.Subject == "Contribution publiée – Réseau PARÉ" && m.TextBody?.Contains("Colloque régional", StringComparison.Ordinal) == true);
        Assert.Contains("« Colloque régional sur le repérage » a été relue et publiée", mail.TextBody, StringComparison.Ordinal);

        // A second decision changes nothing.
        var again = await AdminPostAndFollowAsync(Page(id), [KeyValuePair.Create("raison", "Trop tard")], Page(id) + "?handler=Refuser");
        Assert.Contains("Cette contribution avait déjà été modérée : la décision n'a pas changé.", again, StringComparison.Ordinal);
        Assert.Equal(ContributionStatus.Publiee, (await app.ContributionAsync(id)).Status);
    }

    [Fact]
    public async Task An_invalid_edit_is_shown_again_and_nothing_changes()
    {
        var submitted = News("Actualité à corriger");
        var id = await SubmitAsync(submitted);
        using var response = await app.Coordination.PostFormAsync(Page(id), EditFields(submitted, f => f["Input.NewsText"] = ""), Page(id) + "?handler=Publier");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal("Écrivez le texte de l'actualité.", FieldError(html, "input-newstext"));
        var c = await app.ContributionAsync(id);
        Assert.Equal(ContributionStatus.EnAttente, c.Status);
        Assert.Equal("Le réseau s'agrandit : trois nouvelles associations nous rejoignent.", c.Text);
    }

    [Fact]
    public async Task Refusing_needs_a_reason_which_is_stored_and_mailed_to_the_submitter()
    {
        var fields = News("Actualité hors sujet");
        fields["Submitter.Email"] = "refusee@exemple.org";
        var id = await SubmitAsync(fields);

        using var empty = await app.Coordination.PostFormAsync(Page(id), [KeyValuePair.Create("raison", "  ")], Page(id) + "?handler=Refuser");
        var emptyHtml = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
        Assert.Equal("Indiquez la raison du refus : elle est envoyée au contributeur.", FieldError(emptyHtml, "raison"));
        Assert.Equal(ContributionStatus.EnAttente, (await app.ContributionAsync(id)).Status);

        var html = await AdminPostAndFollowAsync(Page(id), [KeyValuePair.Create("raison", "Cette actualité ne concerne pas le réseau PARÉ.")], Page(id) + "?handler=Refuser");

        Assert.Contains("Contribution refusée ; le contributeur reçoit la raison par courriel.", html, StringComparison.Ordinal);
        var c = await app.ContributionAsync(id);
        Assert.Equal((ContributionStatus.Refusee, "Cette actualité ne concerne pas le réseau PARÉ."), (c.Status, c.RefusalReason));
        var mail = Assert.Single(await app.MailsToAsync("refusee@exemple.org"), m => m.Subject == "Contribution non publiée – Réseau PARÉ");
        Assert.Contains("Cette actualité ne concerne pas le réseau PARÉ.", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_points_to_a_published_item_of_the_same_kind()
    {
        var original = await SubmitAsync(Resource("Guide original"));
        await AdminPostAndFollowAsync(Page(original), EditFields(Resource("Guide original")), Page(original) + "?handler=Publier");
        var copy = await SubmitAsync(Resource("Guide en double"));
        var other = await SubmitAsync(Resource("Guide encore en attente"));

        var page = await app.Coordination.GetHtmlAsync(Page(copy));
        Assert.Contains($"<option value=\"{original}\">Guide original</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Guide encore en attente</option>", page, StringComparison.Ordinal);

        using var pendingOne = await app.Coordination.PostFormAsync(Page(copy), [KeyValuePair.Create("doublonDe", other.ToString(System.Globalization.CultureInfo.InvariantCulture))], Page(copy) + "?handler=Doublon");
        Assert.Equal("Choisissez l'élément publié dont celle-ci est le doublon.", FieldError(WebUtility.HtmlDecode(await pendingOne.Content.ReadAsStringAsync()), "doublon"));
        Assert.Equal(ContributionStatus.EnAttente, (await app.ContributionAsync(copy)).Status);

        var html = await AdminPostAndFollowAsync(Page(copy), [KeyValuePair.Create("doublonDe", original.ToString(System.Globalization.CultureInfo.InvariantCulture))], Page(copy) + "?handler=Doublon");

        Assert.Contains("Contribution marquée comme doublon de « Guide original ».", html, StringComparison.Ordinal);
        var c = await app.ContributionAsync(copy);
        Assert.Equal((ContributionStatus.Doublon, (int?)original), (c.Status, c.DuplicateOfId));
        Assert.Equal(ContributionStatus.EnAttente, (await app.ContributionAsync(other)).Status);
    }

    [Fact]
    public async Task A_refused_contributions_file_is_deleted_after_30_days_and_the_rule_is_idempotent()
    {
        var oldId = await SubmitAsync(Resource("Vieux refus avec fichier"), Bytes(Pdf("ancien")));
        var recentId = await SubmitAsync(Resource("Refus récent avec fichier"), Bytes(Pdf("récent")));
        var publishedId = await SubmitAsync(Resource("Publié avec fichier"), Bytes(Pdf("publié")));
        var now = new DateTime(2027, 6, 1, 10, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            (await db.Contributions.FindAsync(oldId))!.Refuse(now.AddDays(-31), "test", "Hors sujet");
            (await db.Contributions.FindAsync(recentId))!.Refuse(now.AddDays(-29), "test", "Hors sujet");
            (await db.Contributions.FindAsync(publishedId))!.Publish(now.AddDays(-400), "test");
            return await db.SaveChangesAsync();
        });
        var oldFile = (await app.ContributionAsync(oldId)).FileName!;
        var recentFile = (await app.ContributionAsync(recentId)).FileName!;

        var rule = RetentionRule();
        var first = await app.WithDbAsync(db => rule.ApplyAsync(db, now, default));
        var second = await app.WithDbAsync(db => rule.ApplyAsync(db, now, default));

        Assert.Equal((1, 0), (first, second));
        Assert.Equal("fichiers des contributions refusées", rule.Label);
        Assert.False(File.Exists(Path.Combine(app.Store.Folder, oldFile)));
        Assert.True(File.Exists(Path.Combine(app.Store.Folder, recentFile)));
        var old = await app.ContributionAsync(oldId);
        Assert.Equal((null, null, (long?)null, ContributionStatus.Refusee), (old.FileName, old.FileOriginalName, old.FileSize, old.Status));
        Assert.NotNull((await app.ContributionAsync(recentId)).FileName);
        Assert.NotNull((await app.ContributionAsync(publishedId)).FileName);
    }

    private RefusedContributionFilesRule RetentionRule()
    {
        using var scope = app.Factory.Services.CreateScope();
        return Assert.IsType<RefusedContributionFilesRule>(Assert.Single(scope.ServiceProvider.GetServices<IRetentionRule>(), r => r is RefusedContributionFilesRule));
    }

    private async Task<string> AdminPostAndFollowAsync(string page, IEnumerable<KeyValuePair<string, string>> fields, string action)
    {
        using var response = await app.Coordination.PostFormAsync(page, fields, action);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.Coordination.GetHtmlAsync(response.Headers.Location!.OriginalString);
    }
}
