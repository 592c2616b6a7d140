using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Api;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Tests.History;

/// <summary>A seeded app of its own, written to by the history tests (which create the structures they change).</summary>
public sealed class HistoryApp : IAsyncLifetime
{
    public PareAppFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public StructureCatalog Catalog => Factory.Services.GetRequiredService<StructureCatalog>();

    public Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }

    /// <summary>A unit of work: its context and its change author.</summary>
    public Work NewWork() => new(Factory.Services.CreateScope());

    /// <summary>Creates a published structure serving <paramref name="departements"/>, without an explicit transaction.</summary>
    public async Task<int> CreateStructureAsync(string name, params string[] departements)
    {
        using var work = NewWork();
        var structure = new Structure
        {
            Name = name,
            Nature = StructureNature.Association,
            Actions = [StructureAction.Prevention],
            Publics = [StructurePublic.Jeunes],
            Scope = Scope.Departementale,
            Departements = await work.Db.Departements.Where(d => departements.Contains(d.Code)).ToListAsync(),
            Status = StructureStatus.Publiee,
        };
        work.Db.Structures.Add(structure);
        await work.Db.SaveChangesAsync();
        return structure.Id;
    }

    public async Task<List<StructureChange>> HistoryOfAsync(int structureId)
    {
        using var work = NewWork();
        return await work.Db.StructureChanges.AsNoTracking().Where(c => c.StructureId == structureId).OrderBy(c => c.Id).ToListAsync();
    }

    /// <summary>The name the public API gives the structure, or null when it does not list it.</summary>
    public async Task<string?> PublicNameAsync(int structureId)
    {
        using var doc = await Client.GetJsonAsync("/api/structures");
        var id = structureId.ToString(CultureInfo.InvariantCulture);
        return doc.Features().Where(f => f.Prop("id") == id).Select(f => f.Prop("nom")).SingleOrDefault();
    }

    public sealed class Work(IServiceScope scope) : IDisposable
    {
        public PareDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<PareDbContext>();

        public ChangeAuthor Author { get; } = scope.ServiceProvider.GetRequiredService<ChangeAuthor>();

        public void Dispose() => scope.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class HistoryAppCollection : ICollectionFixture<HistoryApp>
{
    public const string Name = "History app";
}
