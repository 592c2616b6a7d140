using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Tests.History;

[Collection(HistoryAppCollection.Name)]
public class StructureHistoryTests(HistoryApp app)
{
    [Fact]
    public async Task Renaming_records_one_change_with_the_exact_old_and_new_values_author_and_channel()
    {
        var id = await app.CreateStructureAsync("Essai renommage", "68");
        var before = await app.HistoryOfAsync(id);
        var start = DateTime.UtcNow.AddSeconds(-1);

        using (var work = app.NewWork())
        using (work.Author.Use(ChangeChannel.Web, "user-42", "Coordination #3"))
        {
            var structure = await work.Db.Structures.SingleAsync(s => s.Id == id);
            structure.Name = "Essai renommé";
            await work.Db.SaveChangesAsync();
        }

        var change = Assert.Single((await app.HistoryOfAsync(id)).Skip(before.Count));
        Assert.Equal((StructureFields.Nom, "Essai renommage", "Essai renommé"), (change.Field, change.OldValue, change.NewValue));
        Assert.Equal(("user-42", "Coordination #3", ChangeChannel.Web), (change.AuthorId, change.AuthorLabel, change.Channel));
        Assert.InRange(change.At, start, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(DateTimeKind.Utc, change.At.Kind);
        Assert.DoesNotContain(change.ChangeSetId, before.Select(c => c.ChangeSetId));
        Assert.False(change.Reviewed);
        Assert.Null(change.ReviewedAt);
    }

    [Fact]
    public async Task Creating_records_every_field_that_has_a_value_with_no_old_value_and_one_change_set()
    {
        int id;
        using (var work = app.NewWork())
        using (work.Author.Use(ChangeChannel.Import, "user-7", "Coordination #7"))
        {
            var structure = new Structure
            {
                Name = "Essai création",
                Nature = StructureNature.LigneEcoute,
                Actions = [StructureAction.EcouteOrientation, StructureAction.Soins],
                Publics = [StructurePublic.MineursVictimes],
                Scope = Scope.Departementale,
                Departements = await work.Db.Departements.Where(d => d.Code == "68" || d.Code == "67").ToListAsync(),
                Phones = ["03 89 00 00 01", "0800 00 00 00"],
                Status = StructureStatus.EnAttente,
            };
            structure.PlaceAt(await work.Db.Communes.FindAsync("68224"), GeoConstants.Point(47.81234567, 7.2765));
            work.Db.Structures.Add(structure);
            await work.Db.SaveChangesAsync();
            id = structure.Id;
        }

        var history = await app.HistoryOfAsync(id);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [StructureFields.Nom] = "Essai création",
                [StructureFields.Nature] = "ligne-ecoute",
                [StructureFields.Actions] = "ecoute-orientation|soins",
                [StructureFields.Publics] = "mineurs-victimes",
                [StructureFields.Portee] = "departementale",
                [StructureFields.Departements] = "67|68",
                [StructureFields.Commune] = "68224",
                [StructureFields.Point] = "47.812346,7.2765",
                [StructureFields.Precision] = "adresse",
                [StructureFields.Confidentialite] = "publique",
                [StructureFields.Telephones] = "03 89 00 00 01|0800 00 00 00",
                [StructureFields.Statut] = "en-attente",
                [StructureFields.FrequenceMiseAJour] = "6",
            },
            history.ToDictionary(c => c.Field, c => c.NewValue!));
        Assert.All(history, c => Assert.Null(c.OldValue));
        Assert.Single(history.Select(c => c.ChangeSetId).Distinct());
        Assert.All(history, c => Assert.Equal((ChangeChannel.Import, "user-7", "Coordination #7"), (c.Channel, c.AuthorId, c.AuthorLabel)));
    }

    [Fact]
    public async Task A_status_change_is_recorded_as_statut()
    {
        var id = await app.CreateStructureAsync("Essai statut", "68");
        var before = (await app.HistoryOfAsync(id)).Count;

        using (var work = app.NewWork())
        {
            Assert.True((await work.Db.Structures.SingleAsync(s => s.Id == id)).MoveTo(StructureStatus.Archivee));
            await work.Db.SaveChangesAsync();
        }

        var change = Assert.Single((await app.HistoryOfAsync(id)).Skip(before));
        Assert.Equal((StructureFields.Statut, "publiee", "archivee"), (change.Field, change.OldValue, change.NewValue));
        Assert.Equal<(ChangeChannel, string?, string)>((ChangeChannel.Web, null, ChangeAuthor.SystemLabel), (change.Channel, change.AuthorId, change.AuthorLabel));
    }

    [Fact]
    public async Task A_departements_only_change_records_both_full_lists_renews_the_token_and_conflicts_with_a_stale_copy()
    {
        var id = await app.CreateStructureAsync("Essai départements", "68");
        var before = (await app.HistoryOfAsync(id)).Count;
        using var stale = app.NewWork();
        var staleCopy = await stale.Db.Structures.SingleAsync(s => s.Id == id);
        var oldVersion = staleCopy.Version;

        // The départements are not loaded: only the added join row is tracked, the old list comes from the database.
        using (var work = app.NewWork())
        {
            var structure = await work.Db.Structures.SingleAsync(s => s.Id == id);
            structure.Departements.Add((await work.Db.Departements.FindAsync("67"))!);
            await work.Db.SaveChangesAsync();
            Assert.NotEqual(oldVersion, structure.Version);
        }

        var change = Assert.Single((await app.HistoryOfAsync(id)).Skip(before));
        Assert.Equal((StructureFields.Departements, "68", "67|68"), (change.Field, change.OldValue, change.NewValue));
        using (var check = app.NewWork())
        {
            var stored = await check.Db.Structures.AsNoTracking().SingleAsync(s => s.Id == id);
            Assert.NotEqual(oldVersion, stored.Version);
            Assert.True(stored.UpdatedAt > staleCopy.UpdatedAt);
        }

        staleCopy.Name = "Modification concurrente";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.Db.SaveChangesAsync());
        Assert.Empty(stale.Db.ChangeTracker.Entries<StructureChange>());
        Assert.Equal(before + 1, (await app.HistoryOfAsync(id)).Count);

        // Reloaded, the same edit goes through and is recorded once.
        await stale.Db.Entry(staleCopy).ReloadAsync();
        staleCopy.Name = "Modification concurrente";
        await stale.Db.SaveChangesAsync();
        var retried = Assert.Single((await app.HistoryOfAsync(id)).Skip(before + 1));
        Assert.Equal((StructureFields.Nom, "Essai départements", "Modification concurrente"), (retried.Field, retried.OldValue, retried.NewValue));
    }

    [Fact]
    public async Task Removing_a_departement_from_a_stale_copy_conflicts_and_from_a_fresh_one_records_the_lists()
    {
        var id = await app.CreateStructureAsync("Essai retrait", "67", "68");
        using var stale = app.NewWork();
        var staleCopy = await stale.Db.Structures.Include(s => s.Departements).SingleAsync(s => s.Id == id);
        using (var work = app.NewWork())
        {
            (await work.Db.Structures.SingleAsync(s => s.Id == id)).Description = "Changée entre-temps";
            await work.Db.SaveChangesAsync();
        }

        staleCopy.Departements.RemoveAll(d => d.Code == "68");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.Db.SaveChangesAsync());

        var before = (await app.HistoryOfAsync(id)).Count;
        using (var work = app.NewWork())
        {
            var fresh = await work.Db.Structures.Include(s => s.Departements).SingleAsync(s => s.Id == id);
            fresh.Departements.RemoveAll(d => d.Code == "68");
            await work.Db.SaveChangesAsync();
        }
        var change = Assert.Single((await app.HistoryOfAsync(id)).Skip(before));
        Assert.Equal((StructureFields.Departements, "67|68", "67"), (change.Field, change.OldValue, change.NewValue));
    }

    [Fact]
    public async Task Deleting_a_structure_keeps_its_history_and_records_what_it_held()
    {
        var id = await app.CreateStructureAsync("Essai suppression", "68");
        using (var work = app.NewWork())
        {
            // The synchronous path, on purpose.
            work.Db.Structures.Single(s => s.Id == id).Name = "Essai supprimé";
            work.Db.SaveChanges();
        }
        var before = await app.HistoryOfAsync(id);

        using (var work = app.NewWork())
        {
            work.Db.Structures.Remove(work.Db.Structures.Single(s => s.Id == id));
            work.Db.SaveChanges();
            Assert.False(work.Db.Structures.Any(s => s.Id == id));
        }

        var after = await app.HistoryOfAsync(id);
        Assert.Equal(before.Select(c => c.Id), after.Take(before.Count).Select(c => c.Id));
        Assert.Contains(before, c => c is { Field: StructureFields.Nom, OldValue: "Essai suppression", NewValue: "Essai supprimé" });
        var deletion = after.Skip(before.Count).ToList();
        Assert.Contains(deletion, c => c is { Field: StructureFields.Nom, OldValue: "Essai supprimé", NewValue: null });
        Assert.Contains(deletion, c => c is { Field: StructureFields.Departements, OldValue: "68", NewValue: null });
        Assert.All(deletion, c => Assert.Null(c.NewValue));
        Assert.Null(await app.PublicNameAsync(id));
    }

    [Fact]
    public async Task Seeded_structures_are_recorded_once_through_the_seed_channel()
    {
        using var work = app.NewWork();
        var seeded = await work.Db.Structures.AsNoTracking().Where(s => s.ExternalKey != null).Select(s => new { s.Id, s.Name }).ToListAsync();
        var seedRows = await work.Db.StructureChanges.AsNoTracking().Where(c => c.Channel == ChangeChannel.Seed).ToListAsync();

        Assert.NotEmpty(seeded);
        Assert.Equal(
            seeded.OrderBy(s => s.Id).Select(s => (s.Id, s.Name)),
            seedRows.Where(c => c.Field == StructureFields.Nom).OrderBy(c => c.StructureId).Select(c => (c.StructureId, c.NewValue!)));
        Assert.All(seedRows, c => Assert.Equal<(string?, string, string?)>((null, ChangeAuthor.SeedLabel, null), (c.AuthorId, c.AuthorLabel, c.OldValue)));
        Assert.Single(seedRows.Select(c => c.ChangeSetId).Distinct());
        Assert.Contains(seedRows, c => c.Field == StructureFields.Departements);
    }
}
