using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Domain;

namespace PareNetwork.Tests.Pages.Admin;

/// <summary>Rules a review of the back office found missing: each test failed before its fix.</summary>
[Collection(AdminAppCollection.Name)]
public class ReviewedRulesTests(AdminApp app)
{
    [Fact]
    public async Task Merging_a_shelter_into_a_public_duplicate_keeps_the_kept_record_confidential()
    {
        var kept = await app.CreateAsync("Refuge doublon public", s => s.Email = "refuge@doublon.example");
        var shelter = await app.CreateAsync("Refuge doublon secret", s =>
        {
            s.Email = "refuge@doublon.example";
            s.PrivatePhone = "06 11 22 33 44";
        }, visibility: AddressVisibility.Confidentielle);

        await AdminApp.PostAndFollowAsync(app.Coordination, "/admin/doublons",
            [new("garder", kept.ToString(CultureInfo.InvariantCulture)), new("fusionner", shelter.ToString(CultureInfo.InvariantCulture))], "/admin/doublons?handler=fusionner");

        var after = await app.StructureAsync(kept);
        Assert.True(after.IsConfidential);
        Assert.Equal("06 11 22 33 44", after.PrivatePhone);
    }

    [Fact]
    public async Task An_export_without_the_box_holds_no_private_contact_even_of_a_public_structure()
    {
        await app.CreateAsync("Export contact privé", s => s.PrivatePhone = "06 98 76 54 32");

        using var plain = await app.Coordination.GetAsync("/admin/export/csv");
        var csv = Encoding.UTF8.GetString(await plain.Content.ReadAsByteArrayAsync());

        Assert.Contains("Export contact privé", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("06 98 76 54 32", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_social_account_without_its_network_gets_a_french_message_and_the_public_page_stays_up()
    {
        var id = await app.CreateAsync("Réseau social mal écrit");
        var fields = await app.EditFieldsAsync(id, f => f.SocialAccounts = ":oups");

        using var response = await app.Coordination.PostFormAsync($"/admin/structures/{id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("« :oups » : écrivez réseau:compte", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty((await app.StructureAsync(id)).SocialAccounts);
    }

    [Fact]
    public async Task A_blank_departement_in_the_form_is_ignored_not_a_500()
    {
        var id = await app.CreateAsync("Département vide posté");
        var fields = await app.EditFieldsAsync(id);
        fields.Add(KeyValuePair.Create("Form.Departements", ""));

        using var response = await app.Coordination.PostFormAsync($"/admin/structures/{id}", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["68"], (await app.StructureAsync(id)).Departements.Select(d => d.Code));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1")]
    [InlineData("99999999999999999999")]
    public async Task A_forged_opening_time_neither_fails_nor_reveals_old_history(string openedAt)
    {
        var id = await app.CreateAsync("Ouverture forgée");
        var fields = (await app.EditFieldsAsync(id, f => f.Name = "Ouverture forgée, modifiée")).Where(f => f.Key != "Form.OpenedAt" && f.Key != "Form.Version").ToList();
        fields.Add(KeyValuePair.Create("Form.OpenedAt", openedAt));
        fields.Add(KeyValuePair.Create("Form.Version", Guid.NewGuid().ToString()));
        // A change made two days ago must not be listed as « changed meanwhile ».
        await app.WithDbAsync(async db =>
        {
            foreach (var change in await db.StructureChanges.Where(c => c.StructureId == id).ToListAsync())
            {
                db.Entry(change).Property(c => c.At).CurrentValue = DateTime.UtcNow.AddDays(-2);
            }
            return await db.SaveChangesAsync();
        });

        using var response = await app.Coordination.PostFormAsync($"/admin/structures/{id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("« vide » → « Ouverture forgée »", html, StringComparison.Ordinal);
        Assert.Equal("Ouverture forgée", (await app.StructureAsync(id)).Name);
    }

    [Fact]
    public async Task A_date_at_the_end_of_time_in_the_history_filter_is_refused_in_french()
    {
        using var response = await app.Coordination.GetAsync("/admin/historique?au=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Date « 9999-12-31 » (au) illisible", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("du=2026-12-01&au=2026-12-01", 1)]
    [InlineData("au=2026-11-30", 0)]
    [InlineData("du=2026-12-02&au=2026-12-31", 0)]
    public async Task The_history_filters_by_day_in_paris_time(string filter, int expected)
    {
        var id = await app.CreateAsync("Filtre par jour");
        await app.WithDbAsync(async db =>
        {
            var changes = await db.StructureChanges.Where(c => c.StructureId == id).ToListAsync();
            // 23:30 UTC on 30 November is 00:30 on 1 December in Paris; one change of the set gets it, the others move to 2027.
            foreach (var (change, i) in changes.Select((c, i) => (c, i)))
            {
                db.Entry(change).Property(c => c.At).CurrentValue = i == 0 ? new DateTime(2026, 11, 30, 23, 30, 0, DateTimeKind.Utc) : new DateTime(2027, 6, 1, 12, 0, 0, DateTimeKind.Utc);
            }
            return await db.SaveChangesAsync();
        });

        var html = await app.Coordination.GetHtmlAsync($"/admin/historique?structure={id}&{filter}");

        Assert.Contains($"{(expected == 0 ? "Aucune modification" : "1 modification")}, les plus récentes d'abord", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dgcs_account_cannot_ask_to_manage_a_structure()
    {
        var id = await app.CreateAsync("Demande de la DGCS");
        using var dgcs = await Browsing.AsAsync(app.Factory, Roles.Dgcs);

        using var response = await dgcs.PostFormAsync($"/structures/{id}/representer",
            new() { ["Input.RoleInStructure"] = "relectrice", ["Input.ProfessionalEmail"] = "relectrice@exemple.org", ["Input.Message"] = "test" });

        Assert.Contains("Un compte de la DGCS est en lecture seule", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.LinkRequests.CountAsync(r => r.UserId == dgcs.UserId)));
    }
}
