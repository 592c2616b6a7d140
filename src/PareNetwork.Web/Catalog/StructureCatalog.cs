using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Catalog;

/// <summary>An immutable snapshot of the published structures, as the public sees them.</summary>
public sealed class CatalogSnapshot
{
    private readonly STRtree<PublicStructure> _pointIndex = new();

    public CatalogSnapshot(IReadOnlyList<PublicStructure> structures)
    {
        Structures = structures;
        ById = structures.ToDictionary(s => s.Id);
        foreach (var s in structures.Where(s => s.HasPoint))
        {
            _pointIndex.Insert(new Envelope(s.Longitude!.Value, s.Longitude.Value, s.Latitude!.Value, s.Latitude.Value), s);
        }
        _pointIndex.Build();
        NationalCount = structures.Count(s => s.Scope == Scope.Nationale);
        _localByDepartement = CountByDepartement(structures.Where(s => s.IsLocal));
        _regionalByDepartement = CountByDepartement(structures.Where(s => s.Scope == Scope.Regionale));
        Version = ComputeVersion(structures);
    }

    private readonly Dictionary<string, int> _localByDepartement;
    private readonly Dictionary<string, int> _regionalByDepartement;

    /// <summary>The published national structures: they serve every département, so they are stated once, never added to a count.</summary>
    public int NationalCount { get; }

    public IReadOnlyList<PublicStructure> Structures { get; }

    public IReadOnlyDictionary<int, PublicStructure> ById { get; }

    /// <summary>Changes whenever any published structure changes: the basis of every ETag.</summary>
    public string Version { get; }

    public IReadOnlyList<(PublicStructure Structure, double DistanceKm)> Nearest(double latitude, double longitude, int count) =>
        GreatCircle.Nearest(_pointIndex, latitude, longitude, count, s => (s.Latitude!.Value, s.Longitude!.Value));

    /// <summary>
    /// The published structures serving a département, by level. Confidential ones count: a count reveals no address.
    /// </summary>
    public DepartementCoverage CoverageOf(string departementCode) => new(
        _localByDepartement.GetValueOrDefault(departementCode),
        _regionalByDepartement.GetValueOrDefault(departementCode),
        NationalCount);

    /// <summary>The régional structures serving at least one of these départements (a région's), each counted once.</summary>
    public int RegionalServingAny(IReadOnlyCollection<string> departementCodes) =>
        Structures.Count(s => s.Scope == Scope.Regionale && s.DepartementCodes.Any(departementCodes.Contains));

    private static Dictionary<string, int> CountByDepartement(IEnumerable<PublicStructure> structures) =>
        structures.SelectMany(s => s.DepartementCodes).CountBy(code => code).ToDictionary();

    /// <summary>A hash of everything the public sees, so that any visible change gives a new ETag.</summary>
    private static string ComputeVersion(IReadOnlyList<PublicStructure> structures) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(structures)))[..16];
}

/// <summary>
/// How many published structures serve a département: <paramref name="Local"/> (scope locale or départementale) is
/// what helps on the ground; régional and national ones serve many départements and are shown apart.
/// </summary>
public sealed record DepartementCoverage(int Local, int Regional, int National)
{
    public int Total => Local + Regional + National;

    public bool HasLocal => Local > 0;
}

/// <summary>
/// Holds the current <see cref="CatalogSnapshot"/>, rebuilt from the database on first use after
/// <see cref="Invalidate"/>. Writers do not call Invalidate: <see cref="History.StructureHistoryInterceptor"/> does,
/// after the commit of every save that touched structures.
/// </summary>
public sealed class StructureCatalog(IServiceScopeFactory scopes)
{
    private Lazy<Task<CatalogSnapshot>> _current = new(() => LoadAsync(scopes));
    private long _generation;

    public event Action? Invalidated;

    /// <summary>
    /// Bumped by <see cref="Invalidate"/> after the snapshot is replaced, and part of every output-cache key, so that
    /// an answer computed from the previous snapshot but stored after the eviction can never be served.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    public void Invalidate()
    {
        Interlocked.Exchange(ref _current, new Lazy<Task<CatalogSnapshot>>(() => LoadAsync(scopes)));
        Interlocked.Increment(ref _generation);
        Invalidated?.Invoke();
    }

    public Task<CatalogSnapshot> GetAsync()
    {
        var current = Volatile.Read(ref _current);
        var loading = current.Value;
        if (loading.IsFaulted)
        {
            Interlocked.CompareExchange(ref _current, new Lazy<Task<CatalogSnapshot>>(() => LoadAsync(scopes)), current);
        }
        return loading;
    }

    private static async Task<CatalogSnapshot> LoadAsync(IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var published = await db.Structures.AsNoTracking()
            .Where(s => s.Status == StructureStatus.Publiee)
            .Select(s => new
            {
                Structure = s,
                DepartementCodes = s.Departements.Select(d => d.Code).ToList(),
                CommuneName = s.Commune == null ? null : s.Commune.Name,
            })
            .AsSplitQuery()
            .ToListAsync();
        return new CatalogSnapshot([.. published
            .Select(p => PublicStructure.From(p.Structure, p.DepartementCodes, p.CommuneName))
            .OrderBy(s => s.Name, PublicStructure.NameOrder)
            .ThenBy(s => s.Id)]);
    }
}
