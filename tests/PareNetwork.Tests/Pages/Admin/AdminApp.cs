using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Structures;

namespace PareNetwork.Tests.Pages.Admin;

/// <summary>
/// A seeded app of its own for the back-office tests: they write (create, publish, merge), which the read-only tests
/// sharing <see cref="SeededApp"/> must not see.
/// </summary>
public sealed class AdminApp : IAsyncLifetime
{
    public PareAppFactory Factory { get; } = new();

    public Browsing Coordination { get; private set; } = null!;

    public async Task InitializeAsync() => Coordination = await Browsing.AsAsync(Factory, Roles.Coordination);

    public async Task DisposeAsync()
    {
        Coordination.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }

    public async Task<T> WithDbAsync<T>(Func<PareDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }

    public Task<Structure> StructureAsync(int id) => WithDbAsync(db => db.Structures.AsNoTracking()
        .Include(s => s.Departements).Include(s => s.Commune).SingleAsync(s => s.Id == id));

    /// <summary>Creates a structure directly (not through the pages), published unless said otherwise.</summary>
    public Task<int> CreateAsync(string name, Action<Structure>? configure = null, string commune = "68224", (double Lat, double Lon)? point = null,
        StructureStatus status = StructureStatus.Publiee, AddressVisibility visibility = AddressVisibility.Publique) => WithDbAsync(async db =>
    {
        var structure = new Structure
        {
            Name = name,
            Nature = StructureNature.Association,
            Actions = [StructureAction.Prevention],
            Publics = [StructurePublic.Jeunes],
            Scope = Scope.Departementale,
            Departements = [await db.Departements.SingleAsync(d => d.Code == "68")],
            Status = status,
            AddressVisibility = visibility,
        };
        structure.PlaceAt(await db.Communes.FindAsync(commune), point is { } p ? GeoConstants.Point(p.Lat, p.Lon) : null);
        configure?.Invoke(structure);
        db.Structures.Add(structure);
        await db.SaveChangesAsync();
        return structure.Id;
    });

    /// <summary>The edit form of a structure as its page would post it, with <paramref name="change"/> applied.</summary>
    public async Task<List<KeyValuePair<string, string>>> EditFieldsAsync(int id, Action<StructureForm>? change = null, int frequency = 6)
    {
        var form = StructureForm.From(await StructureAsync(id), DateTime.UtcNow);
        change?.Invoke(form);
        return FormFields(form, frequency);
    }

    public static List<KeyValuePair<string, string>> FormFields(StructureForm form, int frequency) =>
        [.. Browsing.FormFields(form), KeyValuePair.Create("Input.UpdateFrequencyMonths", frequency.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Posts, expects a redirect, and returns the page it leads to (decoded HTML).</summary>
    public static async Task<string> PostAndFollowAsync(Browsing browsing, string page, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        using var response = await browsing.PostFormAsync(page, fields, action);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await browsing.GetHtmlAsync(response.Headers.Location!.OriginalString);
    }
}

[CollectionDefinition(Name)]
public sealed class AdminAppCollection : ICollectionFixture<AdminApp>
{
    public const string Name = "Admin app";
}
