using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Publications;

/// <summary>An immutable snapshot of the published contributions, as the public sees them.</summary>
public sealed class PublicationSnapshot
{
    public PublicationSnapshot(IReadOnlyList<PublicItem> items)
    {
        Items = items;
        ById = items.ToDictionary(i => i.Id);
        Events = [.. items.Where(i => i.IsEvent)
            .OrderBy(i => i.Schedule.StartsAt is null)
            .ThenBy(i => i.Schedule.StartsAt)
            .ThenBy(i => i.Id)];
        Themes = [.. items.SelectMany(i => i.Themes).DistinctBy(Geo.GeoReference.Normalize).Order(PublicStructure.NameOrder)];
        Years = [.. items.Select(i => i.Year).OfType<int>().Distinct().OrderDescending()];
        Version = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(items)))[..16];
    }

    /// <summary>Every published item, newest in the centre first: when it was published here, then by its author, then in seed order.</summary>
    public IReadOnlyList<PublicItem> Items { get; }

    public IReadOnlyDictionary<int, PublicItem> ById { get; }

    /// <summary>The events, by start (those without a date last).</summary>
    public IReadOnlyList<PublicItem> Events { get; }

    public IReadOnlyList<string> Themes { get; }

    public IReadOnlyList<int> Years { get; }

    /// <summary>Changes whenever anything the public sees changes: the basis of the feeds' ETags.</summary>
    public string Version { get; }

    /// <summary>Events not over at <paramref name="now"/>, soonest first.</summary>
    public IEnumerable<PublicItem> Upcoming(DateTime now) => Events.Where(e => !e.Schedule.IsOver(now));

    /// <summary>Events over at <paramref name="now"/>, the most recent first.</summary>
    public IEnumerable<PublicItem> Past(DateTime now) => Events.Where(e => e.Schedule.IsOver(now)).Reverse();

    /// <summary>How many events are over: the agenda's answers change exactly when this does (part of their cache key).</summary>
    public int OverCount(DateTime now) => Events.Count(e => e.Schedule.IsOver(now));
}

/// <summary>
/// Holds the current <see cref="PublicationSnapshot"/>, rebuilt from the database on first use after
/// <see cref="Invalidate"/>. Writers do not call Invalidate: <see cref="PublicationInterceptor"/> does after the commit of
/// every save that touched a contribution, and every invalidation of the structure catalogue does too (a structure's
/// name, status or confidentiality is part of what its items show).
/// </summary>
public sealed class PublicationCatalog
{
    private readonly IServiceScopeFactory _scopes;
    private readonly StructureCatalog _structures;
    private Lazy<Task<PublicationSnapshot>> _current;
    private long _generation;

    public PublicationCatalog(IServiceScopeFactory scopes, StructureCatalog structures)
    {
        _scopes = scopes;
        _structures = structures;
        _current = new(LoadAsync);
        structures.Invalidated += Invalidate;
    }

    public event Action? Invalidated;

    /// <summary>Bumped after the snapshot is replaced; part of every output-cache key of the publications.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public void Invalidate()
    {
        Interlocked.Exchange(ref _current, new Lazy<Task<PublicationSnapshot>>(LoadAsync));
        Interlocked.Increment(ref _generation);
        Invalidated?.Invoke();
    }

    public Task<PublicationSnapshot> GetAsync()
    {
        var current = Volatile.Read(ref _current);
        var loading = current.Value;
        if (loading.IsFaulted)
        {
            Interlocked.CompareExchange(ref _current, new Lazy<Task<PublicationSnapshot>>(LoadAsync), current);
        }
        return loading;
    }

    private async Task<PublicationSnapshot> LoadAsync()
    {
        var structures = await _structures.GetAsync();
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var published = await db.Contributions.AsNoTracking()
            .Where(c => c.Status == ContributionStatus.Publiee)
            .ToListAsync();
        return new PublicationSnapshot([.. published
            .Select(c => PublicItem.From(c, c.StructureId is { } id ? structures.ById.GetValueOrDefault(id) : null))
            .OrderByDescending(i => i.PublishedAt)
            .ThenByDescending(i => i.PublishedOn ?? DateOnly.MinValue)
            .ThenBy(i => i.Id)]);
    }
}
