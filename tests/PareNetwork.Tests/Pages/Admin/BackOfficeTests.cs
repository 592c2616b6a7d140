using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Tests.Api;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Tests.Pages.Admin;

/// <summary>The coordination's work in the back office, through the pages.</summary>
[Collection(AdminAppCollection.Name)]
public class BackOfficeTests(AdminApp app)
{
    private Browsing Coordination => app.Coordination;

    [Fact]
    public async Task A_structure_created_then_published_appears_in_the_public_api()
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Name", "Point Écoute Création"),
            new("Form.Nature", "association"),
            new("Form.Actions", "prevention"),
            new("Form.Actions", "ecoute-orientation"),
            new("Form.Publics", "jeunes"),
            new("Form.Scope", "departementale"),
            new("Form.Departements", "68"),
            new("Form.Commune", "68224"),
            new("Form.PrivateEmail", "direction@exemple.org"),
            new("Input.Status", "en-attente"),
            new("Input.UpdateFrequencyMonths", "12"),
        };
        using var created = await Coordination.PostFormAsync("/admin/structures/nouvelle", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var id = int.Parse(url.Split('/')[^1], CultureInfo.InvariantCulture);
        var structure = await app.StructureAsync(id);
        Assert.Equal(StructureStatus.EnAttente, structure.Status);
        Assert.Equal(12, structure.UpdateFrequencyMonths);
        Assert.Equal("direction@exemple.org", structure.PrivateEmail);
        Assert.Equal("68224", structure.CommuneCode);
        Assert.Null(await PublicFeatureAsync(id));

        var page = await AdminApp.PostAndFollowAsync(Coordination, url, [new("cible", "publiee")], $"{url}?handler=statut");
        Assert.Contains("Statut changé : « en attente » → « publiée »", page, StringComparison.Ordinal);
        using var feature = await PublicFeatureAsync(id);
        Assert.NotNull(feature);
        Assert.Equal("Point Écoute Création", feature.RootElement.Prop("nom"));
        Assert.DoesNotContain("direction@exemple.org", feature.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_allowed_transitions_are_made_and_a_forbidden_one_changes_nothing()
    {
        var id = await app.CreateAsync("Transitions", status: StructureStatus.EnAttente);
        var url = $"/admin/structures/{id}";
        var form = await Coordination.GetHtmlAsync(url);
        Assert.Contains("value=\"publiee\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"refusee\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"cible\" value=\"archivee\"", form, StringComparison.Ordinal);

        var before = (await app.WithDbAsync(db => db.StructureChanges.CountAsync(c => c.StructureId == id)));
        foreach (var forbidden in new[] { "archivee", "fusionnee", "n-importe-quoi" })
        {
            var page = await AdminApp.PostAndFollowAsync(Coordination, url, [new("cible", forbidden)], $"{url}?handler=statut");
            Assert.Contains("Transition impossible : une structure « en attente » ne peut passer qu'à : « publiée », « refusée ». Rien n'a été modifié.", page, StringComparison.Ordinal);
            Assert.Equal(StructureStatus.EnAttente, (await app.StructureAsync(id)).Status);
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.StructureChanges.CountAsync(c => c.StructureId == id)));

        await AdminApp.PostAndFollowAsync(Coordination, url, [new("cible", "publiee")], $"{url}?handler=statut");
        await AdminApp.PostAndFollowAsync(Coordination, url, [new("cible", "archivee")], $"{url}?handler=statut");
        Assert.Equal(StructureStatus.Archivee, (await app.StructureAsync(id)).Status);
        var refused = await AdminApp.PostAndFollowAsync(Coordination, url, [new("cible", "refusee")], $"{url}?handler=statut");
        Assert.Contains("Transition impossible : une structure « archivée » ne peut passer qu'à : « publiée ».", refused, StringComparison.Ordinal);
        Assert.Equal(StructureStatus.Archivee, (await app.StructureAsync(id)).Status);
        var statuses = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == id && c.Field == StructureFields.Statut && c.OldValue != null).OrderBy(c => c.Id).Select(c => c.OldValue + ">" + c.NewValue).ToListAsync());
        Assert.Equal(["en-attente>publiee", "publiee>archivee"], statuses);
    }

    [Fact]
    public async Task An_edit_shows_in_the_history_and_a_restore_brings_the_old_value_back_recorded_as_a_restoration()
    {
        var id = await app.CreateAsync("Ancien Nom Restauré", s => s.Email = "ancien@exemple.org");
        var url = $"/admin/structures/{id}";
        var page = await AdminApp.PostAndFollowAsync(Coordination, url, await app.EditFieldsAsync(id, f =>
        {
            f.Name = "Nouveau Nom Restauré";
            f.Email = "nouveau@exemple.org";
        }));
        Assert.Contains("Modifications enregistrées.", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"bo-valeur\">Ancien Nom Restauré</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"bo-valeur\">Nouveau Nom Restauré</td>", page, StringComparison.Ordinal);
        Assert.Equal("Nouveau Nom Restauré", (await PublicFeatureAsync(id))!.RootElement.Prop("nom"));

        var rename = await app.WithDbAsync(db => db.StructureChanges.SingleAsync(c => c.StructureId == id && c.Field == StructureFields.Nom && c.NewValue == "Nouveau Nom Restauré"));
        var feed = await Coordination.GetHtmlAsync($"/admin/historique?structure={id}&champ=nom");
        Assert.Contains($"id=\"modification-{rename.Id}\"", feed, StringComparison.Ordinal);
        Assert.Contains("Restaurer l'ancienne valeur", feed, StringComparison.Ordinal);

        var restored = await AdminApp.PostAndFollowAsync(Coordination, "/admin/historique", [new("id", rename.Id.ToString(CultureInfo.InvariantCulture))], "/admin/historique?handler=restaurer");
        Assert.Contains("Valeur restaurée : Nom.", restored, StringComparison.Ordinal);
        var structure = await app.StructureAsync(id);
        Assert.Equal("Ancien Nom Restauré", structure.Name);
        Assert.Equal("nouveau@exemple.org", structure.Email);
        var last = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == id).OrderByDescending(c => c.Id).FirstAsync());
        Assert.Equal((StructureFields.Nom, "Nouveau Nom Restauré", "Ancien Nom Restauré", ChangeChannel.Restauration), (last.Field, last.OldValue, last.NewValue, last.Channel));
        Assert.True((await app.WithDbAsync(db => db.StructureChanges.SingleAsync(c => c.Id == rename.Id))).Reviewed);
        Assert.Equal("Ancien Nom Restauré", (await PublicFeatureAsync(id))!.RootElement.Prop("nom"));
    }

    [Fact]
    public async Task Lists_and_departements_are_restored_whole_and_the_status_is_not_restorable()
    {
        var id = await app.CreateAsync("Listes restaurées", s => s.Phones = ["03 89 00 00 01", "03 89 00 00 02"]);
        var url = $"/admin/structures/{id}";
        await AdminApp.PostAndFollowAsync(Coordination, url, await app.EditFieldsAsync(id, f =>
        {
            f.Departements = ["67", "88"];
            f.Actions = ["soins", "juridique"];
            f.Phones = "03 89 99 99 99";
        }));
        var changes = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == id && c.Channel == ChangeChannel.Web && c.OldValue != null).ToListAsync());
        foreach (var field in new[] { StructureFields.Departements, StructureFields.Actions, StructureFields.Telephones })
        {
            var change = changes.Single(c => c.Field == field);
            await AdminApp.PostAndFollowAsync(Coordination, url, [new("id", change.Id.ToString(CultureInfo.InvariantCulture)), new("retour", url)], "/admin/historique?handler=restaurer");
        }
        var structure = await app.StructureAsync(id);
        Assert.Equal(["68"], structure.Departements.Select(d => d.Code));
        Assert.Equal([StructureAction.Prevention], structure.Actions);
        Assert.Equal(["03 89 00 00 01", "03 89 00 00 02"], structure.Phones);

        var status = await app.WithDbAsync(db => db.StructureChanges.FirstAsync(c => c.StructureId == id && c.Field == StructureFields.Statut));
        var page = await AdminApp.PostAndFollowAsync(Coordination, url, [new("id", status.Id.ToString(CultureInfo.InvariantCulture)), new("retour", url)], "/admin/historique?handler=restaurer");
        Assert.Contains("Le statut ne se restaure pas", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_a_commune_restores_its_point_and_precision()
    {
        var id = await app.CreateAsync("Lieu restauré", commune: "68224", point: (47.75, 7.34));
        var url = $"/admin/structures/{id}";
        await AdminApp.PostAndFollowAsync(Coordination, url, await app.EditFieldsAsync(id, f =>
        {
            f.Commune = "68066";
            f.Latitude = null;
            f.Longitude = null;
        }));
        var moved = await app.StructureAsync(id);
        Assert.Equal(("68066", LocationPrecision.Commune), (moved.CommuneCode, moved.LocationPrecision));

        var commune = await app.WithDbAsync(db => db.StructureChanges.SingleAsync(c => c.StructureId == id && c.Field == StructureFields.Commune && c.NewValue == "68066"));
        var page = await AdminApp.PostAndFollowAsync(Coordination, url, [new("id", commune.Id.ToString(CultureInfo.InvariantCulture)), new("retour", url)], "/admin/historique?handler=restaurer");
        Assert.Contains("Valeur restaurée : commune, point et précision.", page, StringComparison.Ordinal);
        var back = await app.StructureAsync(id);
        Assert.Equal("68224", back.CommuneCode);
        Assert.Equal(LocationPrecision.Adresse, back.LocationPrecision);
        Assert.Equal(47.75, back.Location!.Y, 6);
        Assert.Equal(7.34, back.Location.X, 6);
        var restoration = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == id && c.Channel == ChangeChannel.Restauration).Select(c => c.Field).ToListAsync());
        Assert.Equal([StructureFields.Commune, StructureFields.Point, StructureFields.Precision], restoration.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Restoring_public_on_a_confidential_structure_only_requests_it_and_the_public_sees_no_address()
    {
        const string address = "3 impasse du Restaurateur";
        var id = await app.CreateAsync("Accueil restauré", s => s.Address = address, point: (47.7512, 7.3391));
        var url = $"/admin/structures/{id}";
        await AdminApp.PostAndFollowAsync(Coordination, url, await app.EditFieldsAsync(id, f => f.Confidential = true));
        Assert.True((await app.StructureAsync(id)).IsConfidential);

        var change = await app.WithDbAsync(db => db.StructureChanges.SingleAsync(c => c.StructureId == id && c.Field == StructureFields.Confidentialite && c.NewValue == "confidentielle"));
        var page = await AdminApp.PostAndFollowAsync(Coordination, url, [new("id", change.Id.ToString(CultureInfo.InvariantCulture)), new("retour", url)], "/admin/historique?handler=restaurer");
        Assert.Contains("l'adresse reste confidentielle jusqu'à ce que la coordination approuve la demande", page, StringComparison.Ordinal);
        Assert.Contains("Approuver : rendre l'adresse publique", page, StringComparison.Ordinal);
        var structure = await app.StructureAsync(id);
        Assert.True(structure.IsConfidential);
        Assert.True(structure.HasPendingPublicAddressRequest);
        Assert.Contains(await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == id && c.Channel == ChangeChannel.Restauration).Select(c => c.Field).ToListAsync()),
            f => f == StructureFields.DemandeAdressePublique);

        using var feature = await PublicFeatureAsync(id);
        var json = feature!.RootElement.GetRawText();
        Assert.Equal(JsonValueKind.Null, feature.RootElement.GetProperty("geometry").ValueKind);
        Assert.DoesNotContain(address, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Mulhouse", json, StringComparison.Ordinal);
        Assert.DoesNotContain("47.75", json, StringComparison.Ordinal);

        // The coordination's decision lifts it.
        await AdminApp.PostAndFollowAsync(Coordination, url, [new("decision", "approuver")], $"{url}?handler=adresse");
        Assert.False((await app.StructureAsync(id)).IsConfidential);
        using var lifted = await PublicFeatureAsync(id);
        Assert.Contains(address, lifted!.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_are_marked_reviewed_one_at_a_time_or_all_those_shown()
    {
        var id = await app.CreateAsync("Revue des modifications");
        var url = $"/admin/structures/{id}";
        await AdminApp.PostAndFollowAsync(Coordination, url, await app.EditFieldsAsync(id, f => { f.Name = "Revue des modifications 2"; f.Acronym = "RDM"; f.OpeningHours = "9 h – 17 h"; }));
        var ids = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == id && !c.Reviewed).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        Assert.True(ids.Count > 3);

        var feed = $"/admin/historique?structure={id}&revue=non";
        var page = await AdminApp.PostAndFollowAsync(Coordination, feed, [new("ids", ids[0].ToString(CultureInfo.InvariantCulture)), new("retour", feed)], "/admin/historique?handler=revue");
        Assert.Contains("Modification marquée comme revue.", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"modification-{ids[0]}\"", page, StringComparison.Ordinal);
        Assert.Contains($"Marquer comme revues les {ids.Count - 1} modifications affichées", page, StringComparison.Ordinal);

        var all = await AdminApp.PostAndFollowAsync(Coordination, feed, [.. ids.Skip(1).Select(i => KeyValuePair.Create("ids", i.ToString(CultureInfo.InvariantCulture))), new("retour", feed)], "/admin/historique?handler=revue");
        Assert.Contains($"{ids.Count - 1} modifications marquées comme revues.", all, StringComparison.Ordinal);
        Assert.Contains("Aucune modification", all, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.StructureChanges.CountAsync(c => c.StructureId == id && !c.Reviewed)));
    }

    [Fact]
    public async Task A_concurrent_edit_is_refused_with_what_changed_meanwhile_and_nothing_is_lost()
    {
        var id = await app.CreateAsync("Fiche disputée");
        var url = $"/admin/structures/{id}";
        var mine = await app.EditFieldsAsync(id, f => f.Description = "Ma présentation");
        await Task.Delay(20);
        await app.WithDbAsync(async db =>
        {
            var other = await db.Structures.SingleAsync(s => s.Id == id);
            other.OpeningHours = "Lundi au vendredi";
            return await db.SaveChangesAsync();
        });

        using var response = await Coordination.PostFormAsync(url, mine);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Quelqu'un d'autre a enregistré cette fiche pendant que vous la modifiiez : vos modifications n'ont pas été enregistrées.", page, StringComparison.Ordinal);
        Assert.Contains("Horaires : « vide » → « Lundi au vendredi »", page, StringComparison.Ordinal);
        Assert.Contains("Ma présentation", page, StringComparison.Ordinal);
        var structure = await app.StructureAsync(id);
        Assert.Equal("Lundi au vendredi", structure.OpeningHours);
        Assert.Null(structure.Description);
    }

    [Fact]
    public async Task The_structures_table_filters_by_the_query_string()
    {
        var withMember = await app.CreateAsync("Filtrée Alpha", s => { s.Actions = [StructureAction.PairAidance]; s.Confirm(DateTime.UtcNow.AddMonths(-8)); });
        var without = await app.CreateAsync("Filtrée Bêta", s => s.Actions = [StructureAction.PairAidance], status: StructureStatus.EnAttente);
        using (await Browsing.AsAsync(app.Factory, Roles.Membre, withMember))
        {
        }
        string Table(string html) => html[html.IndexOf("<tbody>", StringComparison.Ordinal)..];

        var pairAidance = Table(await Coordination.GetHtmlAsync("/admin/structures?action=pair-aidance&q=filtree"));
        Assert.Contains("Filtrée Alpha", pairAidance, StringComparison.Ordinal);
        Assert.Contains("Filtrée Bêta", pairAidance, StringComparison.Ordinal);
        var members = Table(await Coordination.GetHtmlAsync("/admin/structures?action=pair-aidance&membres=avec"));
        Assert.Contains("Filtrée Alpha", members, StringComparison.Ordinal);
        Assert.DoesNotContain("Filtrée Bêta", members, StringComparison.Ordinal);
        var pending = Table(await Coordination.GetHtmlAsync("/admin/structures?action=pair-aidance&statut=en-attente&membres=sans&confirmation=jamais&departement=68&portee=departementale"));
        Assert.DoesNotContain("Filtrée Alpha", pending, StringComparison.Ordinal);
        Assert.Contains("Filtrée Bêta", pending, StringComparison.Ordinal);
        var middleAged = await Coordination.GetHtmlAsync("/admin/structures?action=pair-aidance&confirmation=6-12-mois");
        Assert.Contains("1 structure", middleAged, StringComparison.Ordinal);
        Assert.Contains("Filtrée Alpha", Table(middleAged), StringComparison.Ordinal);
        var unknown = await Coordination.GetHtmlAsync("/admin/structures?statut=inconnu");
        Assert.Contains("Statut « inconnu » inconnu : filtre ignoré.", unknown, StringComparison.Ordinal);
        _ = without;
    }

    /// <summary>The structure's feature in the public API, or null when the public does not see it.</summary>
    private async Task<JsonDocument?> PublicFeatureAsync(int id)
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        using var doc = await anonymous.Client.GetJsonAsync("/api/structures");
        var feature = doc.Features().FirstOrDefault(f => f.Prop("id") == id.ToString(CultureInfo.InvariantCulture));
        return feature.ValueKind == JsonValueKind.Undefined ? null : JsonDocument.Parse(feature.GetRawText());
    }
}
