using System.Globalization;
using System.Net;
using PareNetwork.Tests.Api;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Tests.Pages.Espace;

/// <summary>The member space: listing, editing, conflicts, confidentiality, confirmation, and every refusal.</summary>
[Collection(MemberSpaceCollection.Name)]
public class MemberSpaceTests(MemberSpaceApp app)
{
    private static string Edit(int id) => $"/espace/structures/{id.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task The_space_lists_the_members_structures_with_their_confirmation()
    {
        var a = await app.CreateStructureAsync("Espace liste Alpha");
        var b = await app.CreateStructureAsync("Espace liste Bêta");
        await app.WithDbAsync(async db =>
        {
            (await db.Structures.FindAsync(b))!.Confirm(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), "test");
            await db.SaveChangesAsync();
        });
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, a, b);

        using var response = await member.GetAsync("/espace");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Espace liste Alpha", html, StringComparison.Ordinal);
        Assert.Contains("Informations jamais confirmées", html, StringComparison.Ordinal);
        Assert.Contains("Informations confirmées le 1er mars 2026", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Edit(a)}\"", html, StringComparison.Ordinal);
        Assert.Contains("Publiée", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        var a = await app.CreateStructureAsync();
        var name = (await app.StructureAsync(a)).Name;
        using var anonymous = Browsing.Anonymous(app.Factory);
        foreach (var url in new[] { "/espace", Edit(a) })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/connexion?retour=", MemberSpaceApp.Target(response), StringComparison.Ordinal);
        }
        using var post = await anonymous.Client.PostAsync(new Uri(Edit(a), UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("Form.Name", "x")]));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(name, (await app.StructureAsync(a)).Name);
    }

    [Fact]
    public async Task A_member_of_A_gets_403_on_every_route_of_B()
    {
        var a = await app.CreateStructureAsync();
        var b = await app.CreateStructureAsync("Structure B intouchable");
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, a);
        var before = await app.StructureAsync(b);

        using (var get = await member.GetAsync(Edit(b)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }
        // The antiforgery token of A's page, a well-formed form for B: still refused, on both handlers.
        var form = MemberSpaceApp.Fields(await app.FormOfAsync(b));
        form[form.FindIndex(f => f.Key == "Form.Name")] = KeyValuePair.Create("Form.Name", "Détournée");
        using (var save = await member.PostFormAsync(Edit(a), form, action: Edit(b)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        }
        using (var confirm = await member.PostFormAsync(Edit(a), [], action: Edit(b) + "?handler=Confirmer"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, confirm.StatusCode);
        }
        var after = await app.StructureAsync(b);
        Assert.Equal(before.Name, after.Name);
        Assert.Null(after.ConfirmedAt);
        Assert.Equal(before.Version, after.Version);

        // The back office is not theirs either.
        foreach (var url in new[] { "/admin/demandes", "/admin/invitations" })
        {
            using var admin = await member.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        }
        using var accept = await member.PostFormAsync(Edit(a), [KeyValuePair.Create("demande", "1")], action: "/admin/demandes?handler=Accepter");
        Assert.Equal(HttpStatusCode.Forbidden, accept.StatusCode);
    }

    [Fact]
    public async Task A_member_posting_fields_they_may_not_set_changes_nothing_of_them()
    {
        var a = await app.CreateStructureAsync();
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, a);
        var form = MemberSpaceApp.Fields(await app.FormOfAsync(a));
        form.AddRange([
            KeyValuePair.Create("Form.Status", "archivee"),
            KeyValuePair.Create("Status", "archivee"),
            KeyValuePair.Create("Form.UpdateFrequencyMonths", "60"),
            KeyValuePair.Create("Form.ConfirmedAt", "2030-01-01"),
            KeyValuePair.Create("Form.MergedIntoId", "1"),
            KeyValuePair.Create("Form.Id", "1"),
            KeyValuePair.Create("id", "1"),
            KeyValuePair.Create("Structure.Status", "archivee"),
        ]);

        using var response = await member.PostFormAsync(Edit(a), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The route decides which structure is edited, never a posted "id".
        Assert.Equal(Edit(a), MemberSpaceApp.Target(response));

        var after = await app.StructureAsync(a);
        Assert.Equal(StructureStatus.Publiee, after.Status);
        Assert.Equal(6, after.UpdateFrequencyMonths);
        Assert.Null(after.ConfirmedAt);
        Assert.Null(after.MergedIntoId);
        Assert.DoesNotContain(await app.HistoryAsync(a), c => c.Field is StructureFields.Statut or StructureFields.FrequenceMiseAJour or StructureFields.Confirmation && c.OldValue is not null);
        // And the form shows no status field to begin with.
        Assert.DoesNotContain("Form.Status", await member.GetHtmlAsync(Edit(a)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_shows_in_the_history_and_in_the_public_api()
    {
        var a = await app.CreateStructureAsync();
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, a);
        var html = await member.GetHtmlAsync(Edit(a));
        var (version, openedAt) = MemberSpaceApp.HiddenFields(html);
        var form = await app.FormOfAsync(a);
        (form.Version, form.OpenedAt) = (version, openedAt);
        var oldName = form.Name;
        form.Name = "Nouveau nom Zéphyrine";
        form.OpeningHours = "Lundi au vendredi, 9 h – 17 h";
        form.Departements = ["67", "68"];

        using var saved = await member.PostFormAsync(Edit(a), MemberSpaceApp.Fields(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Modifications enregistrées.", await member.GetHtmlAsync(MemberSpaceApp.Target(saved)), StringComparison.Ordinal);

        var history = await app.HistoryAsync(a);
        var name = Assert.Single(history, c => c.Field == StructureFields.Nom && c.NewValue == "Nouveau nom Zéphyrine");
        Assert.Equal(oldName, name.OldValue);
        Assert.Equal(ChangeChannel.Web, name.Channel);
        Assert.StartsWith("compte ", name.AuthorLabel, StringComparison.Ordinal);
        Assert.Contains(history, c => c.Field == StructureFields.Departements && c.OldValue == "67" && c.NewValue == "67|68");
        Assert.Contains(history, c => c.Field == StructureFields.Horaires && c.OldValue == null && c.NewValue == "Lundi au vendredi, 9 h – 17 h");

        using var client = app.Factory.CreateClient();
        using var doc = await client.GetJsonAsync("/api/structures?q=Zephyrine");
        var feature = Assert.Single(doc.Features());
        Assert.Equal(a.ToString(CultureInfo.InvariantCulture), feature.Prop("id"));
        Assert.Equal("Nouveau nom Zéphyrine", feature.Prop("nom"));
    }

    [Fact]
    public async Task A_concurrent_edit_is_a_conflict_that_loses_nothing()
    {
        var a = await app.CreateStructureAsync();
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, a);
        var (version, openedAt) = MemberSpaceApp.HiddenFields(await member.GetHtmlAsync(Edit(a)));

        // Someone else saves in between.
        await app.WithDbAsync(async db =>
        {
            (await db.Structures.FindAsync(a))!.Email = "autre@exemple.org";
            await db.SaveChangesAsync();
        });

        var form = await app.FormOfAsync(a);
        (form.Version, form.OpenedAt) = (version, openedAt);
        form.Email = null;
        form.Description = "Ma présentation, saisie pendant ce temps";
        using var conflict = await member.PostFormAsync(Edit(a), MemberSpaceApp.Fields(form));
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var html = WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync());
        Assert.Contains("Quelqu'un a modifié cette fiche pendant que vous la modifiiez", html, StringComparison.Ordinal);
        Assert.Contains("Courriel : « vide » → « autre@exemple.org »", html, StringComparison.Ordinal);
        Assert.Contains("Ma présentation, saisie pendant ce temps", html, StringComparison.Ordinal);

        var stored = await app.StructureAsync(a);
        Assert.Equal("autre@exemple.org", stored.Email);
        Assert.Null(stored.Description);

        // Saving again, knowingly, from the re-shown form works.
        var (newVersion, newOpenedAt) = MemberSpaceApp.HiddenFields(html);
        Assert.Equal(stored.Version, newVersion);
        (form.Version, form.OpenedAt, form.Email) = (newVersion, newOpenedAt, "autre@exemple.org");
        using var second = await member.PostFormAsync(Edit(a), MemberSpaceApp.Fields(form));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        stored = await app.StructureAsync(a);
        Assert.Equal("Ma présentation, saisie pendant ce temps", stored.Description);
        Assert.Equal("autre@exemple.org", stored.Email);
    }

    [Fact]
    public async Task Unticking_confidentiality_only_requests_it_and_the_structure_stays_confidential()
    {
        var shelter = await app.CreateStructureAsync("Foyer confidentiel Espace", confidential: true);
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, shelter);
        var (version, openedAt) = MemberSpaceApp.HiddenFields(await member.GetHtmlAsync(Edit(shelter)));
        var form = await app.FormOfAsync(shelter);
        (form.Version, form.OpenedAt, form.Confidential) = (version, openedAt, false);

        using var saved = await member.PostFormAsync(Edit(shelter), MemberSpaceApp.Fields(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await member.GetHtmlAsync(MemberSpaceApp.Target(saved));
        Assert.Contains("Demande transmise à la coordination", page, StringComparison.Ordinal);

        var stored = await app.StructureAsync(shelter);
        Assert.True(stored.IsConfidential);
        Assert.True(stored.HasPendingPublicAddressRequest);
        Assert.DoesNotContain(await app.HistoryAsync(shelter), c => c.Field == StructureFields.Confidentialite && c.NewValue == "publique");

        using var client = app.Factory.CreateClient();
        using var doc = await client.GetJsonAsync("/api/structures?q=Foyer%20confidentiel%20Espace");
        var feature = Assert.Single(doc.Features());
        Assert.Equal("True", feature.Prop("confidentiel"));
        Assert.Equal("departement", feature.Prop("precision"));
        Assert.DoesNotContain("Secrète", doc.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("67482", doc.RootElement.GetRawText(), StringComparison.Ordinal);

        // Saving again from the page as shown keeps the request (the box shows the wish, unticked).
        var html = await member.GetHtmlAsync(Edit(shelter));
        Assert.DoesNotMatch("name=\"Form.Confidential\" value=\"true\" checked", html);
        (version, openedAt) = MemberSpaceApp.HiddenFields(html);
        form = await app.FormOfAsync(shelter);
        (form.Version, form.OpenedAt, form.Confidential, form.OpeningHours) = (version, openedAt, false, "Sur rendez-vous");
        using var again = await member.PostFormAsync(Edit(shelter), MemberSpaceApp.Fields(form));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        stored = await app.StructureAsync(shelter);
        Assert.True(stored.IsConfidential);
        Assert.True(stored.HasPendingPublicAddressRequest);
    }

    [Fact]
    public async Task Confirming_sets_the_confirmation_and_nothing_else()
    {
        var a = await app.CreateStructureAsync();
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, a);
        var before = await app.StructureAsync(a);
        var historyBefore = (await app.HistoryAsync(a)).Count;

        using var confirmed = await member.PostFormAsync(Edit(a), [], action: Edit(a) + "?handler=Confirmer");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var page = await member.GetHtmlAsync(MemberSpaceApp.Target(confirmed));
        Assert.Contains("Informations confirmées le", page, StringComparison.Ordinal);

        var after = await app.StructureAsync(a);
        Assert.NotNull(after.ConfirmedAt);
        Assert.StartsWith("compte ", after.ConfirmedBy, StringComparison.Ordinal);
        var changes = (await app.HistoryAsync(a)).Skip(historyBefore).ToList();
        Assert.Equal([StructureFields.Confirmation, StructureFields.ConfirmePar], changes.Select(c => c.Field).Order(StringComparer.Ordinal));
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Status, after.Status);

        // The public page says so.
        using var client = app.Factory.CreateClient();
        using var doc = await client.GetJsonAsync($"/api/structures?q={Uri.EscapeDataString(before.Name)}");
        Assert.Single(doc.Features());
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_french_messages_and_kept()
    {
        var a = await app.CreateStructureAsync();
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, a);
        var form = await app.FormOfAsync(a);
        form.Name = "";
        form.Commune = "Nullepart-sur-Rien";
        form.Description = "Gardée malgré les erreurs";
        using var response = await member.PostFormAsync(Edit(a), MemberSpaceApp.Fields(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Le nom est obligatoire.", html, StringComparison.Ordinal);
        Assert.Contains("Gardée malgré les erreurs", html, StringComparison.Ordinal);
        Assert.Null((await app.StructureAsync(a)).Description);
    }
}
