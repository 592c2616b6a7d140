using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Data.Seeding;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Tests.Pages.Admin;

[Collection(AdminAppCollection.Name)]
public class MergeTests(AdminApp app)
{
    [Fact]
    public async Task Duplicates_are_found_by_name_in_the_same_commune_by_phone_and_by_email()
    {
        var a = await app.CreateAsync("Maison des Ados « Doublon »");
        var b = await app.CreateAsync("MAISON DES ADOS DOUBLON", status: StructureStatus.EnAttente);
        var elsewhere = await app.CreateAsync("Maison des Ados Doublon", commune: "68066");
        var c = await app.CreateAsync("Écoute Téléphone Un", s => s.Phones = ["+33 3 89 12 34 56"], commune: "68066");
        var d = await app.CreateAsync("Écoute Téléphone Deux", s => s.Phones = ["03.89.12.34.56"]);
        var e = await app.CreateAsync("Courriel Un", s => s.Email = "Contact@Doublon.example");
        var f = await app.CreateAsync("Courriel Deux", s => s.Email = "contact@doublon.example", commune: "68066");

        var page = await app.Coordination.GetHtmlAsync("/admin/doublons");
        Assert.Contains(MergeButton(a, b), page, StringComparison.Ordinal);
        Assert.Contains(MergeButton(b, a), page, StringComparison.Ordinal);
        Assert.Contains("même nom dans la même commune", page, StringComparison.Ordinal);
        Assert.DoesNotContain(MergeButton(a, elsewhere), page, StringComparison.Ordinal);
        Assert.Contains(MergeButton(c, d), page, StringComparison.Ordinal);
        Assert.Contains("même téléphone (0389123456)", page, StringComparison.Ordinal);
        Assert.Contains(MergeButton(e, f), page, StringComparison.Ordinal);
        Assert.Contains("même courriel (contact@doublon.example)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_moves_members_unites_departements_keeps_both_histories_and_redirects_the_old_url()
    {
        var kept = await app.CreateAsync("Fusion Gardée", s => s.Email = "fusion@doublon.example");
        var merged = await app.CreateAsync("Fusion Absorbée", s => s.Email = "fusion@doublon.example", commune: "67482");
        await app.WithDbAsync(async db =>
        {
            var structure = await db.Structures.Include(s => s.Departements).SingleAsync(s => s.Id == merged);
            structure.Departements = [await db.Departements.SingleAsync(x => x.Code == "67")];
            return await db.SaveChangesAsync();
        });
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre, merged);
        using var claimant = await Browsing.AsAsync(app.Factory, Roles.Membre);
        await app.WithDbAsync(async db =>
        {
            db.LinkRequests.Add(new PareNetwork.Web.Membership.LinkRequest
            {
                UserId = claimant.UserId!, StructureId = merged, RoleInStructure = "éducatrice", ProfessionalEmail = "pro@doublon.example", CreatedAt = DateTime.UtcNow,
            });
            db.Invitations.Add(PareNetwork.Web.Membership.Invitation.Create("invite@doublon.example", merged, "test", DateTime.UtcNow).Invitation);
            return await db.SaveChangesAsync();
        });
        var mergedHistory = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == merged).Select(c => c.Id).ToListAsync());
        var keptHistory = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == kept).Select(c => c.Id).ToListAsync());
        using var anonymous = Browsing.Anonymous(app.Factory);
        using (var before = await anonymous.GetAsync($"/structures/{merged}/fusion-absorbee"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var page = await AdminApp.PostAndFollowAsync(app.Coordination, "/admin/doublons",
            [new("garder", kept.ToString(CultureInfo.InvariantCulture)), new("fusionner", merged.ToString(CultureInfo.InvariantCulture))], "/admin/doublons?handler=fusionner");
        Assert.Contains($"la fiche n° {merged} est fusionnée dans la fiche n° {kept}", page, StringComparison.Ordinal);
        Assert.Contains("Fusionnée avec :", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/admin/structures/{merged}\">Fusion Absorbée</a>", page, StringComparison.Ordinal);

        var gone = await app.StructureAsync(merged);
        Assert.Equal((StructureStatus.Fusionnee, kept), (gone.Status, gone.MergedIntoId));
        var keptStructure = await app.StructureAsync(kept);
        Assert.Equal(["67", "68"], keptStructure.Departements.Select(x => x.Code).Order(StringComparer.Ordinal));
        var members = await app.WithDbAsync(db => db.StructureMembers.Where(m => m.UserId == member.UserId).Select(m => m.StructureId).ToListAsync());
        Assert.Equal([kept], members);
        Assert.Contains(member.Email!, page, StringComparison.Ordinal);
        // A pending request and an open invitation now lead to the structure that was kept.
        Assert.Equal(kept, await app.WithDbAsync(db => db.LinkRequests.Where(r => r.UserId == claimant.UserId).Select(r => r.StructureId).SingleAsync()));
        Assert.Equal(kept, await app.WithDbAsync(db => db.Invitations.Where(i => i.Email == "invite@doublon.example").Select(i => i.StructureId).SingleAsync()));

        // Both histories stay under their own ids, and record the merge.
        var mergedNow = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == merged).ToListAsync());
        Assert.Subset(mergedNow.Select(c => c.Id).ToHashSet(), mergedHistory.ToHashSet());
        Assert.Contains(mergedNow, c => c.Field == StructureFields.Statut && c.NewValue == "fusionnee");
        Assert.Contains(mergedNow, c => c.Field == StructureFields.FusionneeDans && c.NewValue == kept.ToString(CultureInfo.InvariantCulture));
        var keptNow = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == kept).ToListAsync());
        Assert.Subset(keptNow.Select(c => c.Id).ToHashSet(), keptHistory.ToHashSet());
        Assert.Contains(keptNow, c => c.Field == StructureFields.Departements && c.NewValue == "67|68");
        var mergedPage = await app.Coordination.GetHtmlAsync($"/admin/structures/{merged}");
        Assert.Contains("Fusion Absorbée", mergedPage, StringComparison.Ordinal);
        Assert.Contains($"Fusionnée dans <a href=\"/admin/structures/{kept}\">Fusion Gardée</a>", mergedPage, StringComparison.Ordinal);

        foreach (var oldUrl in new[] { $"/structures/{merged}/fusion-absorbee", $"/structures/{merged}" })
        {
            using var redirect = await anonymous.GetAsync(oldUrl);
            Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
            Assert.Equal($"/structures/{kept}/fusion-gardee", redirect.Headers.Location!.OriginalString);
        }
        using (var unknown = await anonymous.GetAsync("/structures/987654/rien"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        Assert.DoesNotContain(MergeButton(kept, merged), await app.Coordination.GetHtmlAsync("/admin/doublons"), StringComparison.Ordinal);

        // Merging again is refused in French.
        var again = await AdminApp.PostAndFollowAsync(app.Coordination, "/admin/doublons",
            [new("garder", kept.ToString(CultureInfo.InvariantCulture)), new("fusionner", merged.ToString(CultureInfo.InvariantCulture))], "/admin/doublons?handler=fusionner");
        Assert.Contains("Une des deux structures a déjà été fusionnée.", again, StringComparison.Ordinal);
    }

    private static string MergeButton(int kept, int merged) =>
        $"<input type=\"hidden\" name=\"garder\" value=\"{kept}\" />\n                            <input type=\"hidden\" name=\"fusionner\" value=\"{merged}\" />";
}

/// <summary>A merged seeded structure stays merged when the seed runs again (its key is remembered).</summary>
public class MergedSeedTests
{
    [Fact]
    public async Task A_merged_seeded_structure_does_not_come_back_when_the_seed_runs_again()
    {
        var factory = new PareAppFactory();
        try
        {
            using var coordination = await Browsing.AsAsync(factory, Roles.Coordination);
            var (kept, merged, key) = await WithDbAsync(factory, async db =>
            {
                var seeded = await db.Structures.Where(s => s.ExternalKey != null && s.Status == StructureStatus.Publiee).OrderBy(s => s.Id).Take(2).ToListAsync();
                return (seeded[0].Id, seeded[1].Id, seeded[1].ExternalKey!);
            });
            var count = await WithDbAsync(factory, db => db.Structures.CountAsync());
            using (var response = await coordination.PostFormAsync("/deconnexion",
                new Dictionary<string, string> { ["garder"] = kept.ToString(CultureInfo.InvariantCulture), ["fusionner"] = merged.ToString(CultureInfo.InvariantCulture) }, "/admin/doublons?handler=fusionner"))
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            }

            await using (var scope = factory.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }

            Assert.Equal(count, await WithDbAsync(factory, db => db.Structures.CountAsync()));
            var withKey = await WithDbAsync(factory, db => db.Structures.Where(s => s.ExternalKey == key).ToListAsync());
            Assert.Equal((merged, StructureStatus.Fusionnee), (Assert.Single(withKey).Id, withKey[0].Status));
            Assert.True(await WithDbAsync(factory, db => db.SeedKeys.AnyAsync(k => k.Key == key)));
            using var anonymous = Browsing.Anonymous(factory);
            using var redirect = await anonymous.GetAsync($"/structures/{merged}");
            Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        }
        finally
        {
            await factory.DisposeAsync();
            factory.DeleteFolder();
        }
    }

    private static async Task<T> WithDbAsync<T>(PareAppFactory factory, Func<PareDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }
}
