using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Tests.History;

/// <summary>The public catalogue reloads after the commit of a save that touched structures, never before, never on rollback.</summary>
[Collection(HistoryAppCollection.Name)]
public class CatalogInvalidationTests(HistoryApp app)
{
    [Fact]
    public async Task A_save_without_an_explicit_transaction_is_public_as_soon_as_it_returns()
    {
        var id = await app.CreateStructureAsync("Essai sans transaction", "68");
        Assert.Equal("Essai sans transaction", await app.PublicNameAsync(id));
        var generation = app.Catalog.Generation;

        using (var work = app.NewWork())
        {
            (await work.Db.Structures.SingleAsync(s => s.Id == id)).Name = "Essai sans transaction, renommé";
            await work.Db.SaveChangesAsync();
        }

        Assert.Equal(generation + 1, app.Catalog.Generation);
        Assert.Equal("Essai sans transaction, renommé", await app.PublicNameAsync(id));
    }

    [Fact]
    public async Task A_save_inside_an_explicit_transaction_reaches_the_catalogue_at_the_commit_only()
    {
        var id = await app.CreateStructureAsync("Essai avant import", "68");
        Assert.Equal("Essai avant import", await app.PublicNameAsync(id));
        var generation = app.Catalog.Generation;

        using var work = app.NewWork();
        using var import = work.Author.Use(ChangeChannel.Import, "user-1", "Coordination #1");
        await using var transaction = await work.Db.Database.BeginTransactionAsync();
        (await work.Db.Structures.SingleAsync(s => s.Id == id)).Name = "Essai importé";
        await work.Db.SaveChangesAsync();
        var departements = await work.Db.Structures.Include(s => s.Departements).SingleAsync(s => s.Id == id);
        departements.Departements.Add((await work.Db.Departements.FindAsync("67"))!);
        await work.Db.SaveChangesAsync();

        Assert.Equal(generation, app.Catalog.Generation);
        Assert.Equal("Essai avant import", await app.PublicNameAsync(id));

        await transaction.CommitAsync();

        Assert.Equal(generation + 1, app.Catalog.Generation);
        Assert.Equal("Essai importé", await app.PublicNameAsync(id));
        var imported = (await app.HistoryOfAsync(id)).Where(c => c.Channel == ChangeChannel.Import).ToList();
        Assert.Equal([StructureFields.Nom, StructureFields.Departements], imported.Select(c => c.Field));
        Assert.All(imported, c => Assert.Equal(("user-1", "Coordination #1"), (c.AuthorId, c.AuthorLabel)));
    }

    [Fact]
    public async Task A_structure_created_inside_an_explicit_transaction_gets_its_history_and_appears_at_the_commit()
    {
        var generation = app.Catalog.Generation;
        using var work = app.NewWork();
        await using var transaction = await work.Db.Database.BeginTransactionAsync();
        var structure = new Structure
        {
            Name = "Essai créé dans une transaction",
            Actions = [StructureAction.Prevention],
            Publics = [StructurePublic.Jeunes],
            Scope = Scope.Nationale,
            Status = StructureStatus.Publiee,
        };
        work.Db.Structures.Add(structure);
        await work.Db.SaveChangesAsync();

        Assert.Equal(generation, app.Catalog.Generation);
        Assert.Null(await app.PublicNameAsync(structure.Id));

        await transaction.CommitAsync();

        Assert.Equal(generation + 1, app.Catalog.Generation);
        Assert.Equal("Essai créé dans une transaction", await app.PublicNameAsync(structure.Id));
        Assert.Contains(await app.HistoryOfAsync(structure.Id), c => c is { Field: StructureFields.Nom, OldValue: null, NewValue: "Essai créé dans une transaction" });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_rolled_back_transaction_leaves_the_catalogue_and_the_history_unchanged(bool explicitRollback)
    {
        var id = await app.CreateStructureAsync("Essai annulé " + explicitRollback, "68");
        Assert.Equal("Essai annulé " + explicitRollback, await app.PublicNameAsync(id));
        var history = await app.HistoryOfAsync(id);
        var generation = app.Catalog.Generation;

        using (var work = app.NewWork())
        {
            await using var transaction = await work.Db.Database.BeginTransactionAsync();
            var structure = await work.Db.Structures.Include(s => s.Departements).SingleAsync(s => s.Id == id);
            structure.Name = "Jamais publié";
            structure.Departements.Clear();
            await work.Db.SaveChangesAsync();
            if (explicitRollback)
            {
                await transaction.RollbackAsync();
            }
        }

        Assert.Equal(generation, app.Catalog.Generation);
        Assert.Equal("Essai annulé " + explicitRollback, await app.PublicNameAsync(id));
        Assert.Equal(history.Select(c => c.Id), (await app.HistoryOfAsync(id)).Select(c => c.Id));
    }
}
