using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Geo;

public sealed record DepartementInfo(
    string Code,
    string Name,
    string RegionCode,
    string RegionName,
    long Population,
    MultiPolygon Boundary,
    Geometry DisplayBoundary)
{
    public bool IsOverseas => Code.Length == 3;

    public IReadOnlyList<string> NeighbourCodes { get; internal set; } = [];

    internal IPreparedGeometry Prepared { get; } = PreparedGeometryFactory.Prepare(Boundary);
}

public sealed record CommuneInfo(
    string Code,
    string Name,
    string DepartementCode,
    IReadOnlyList<string> PostalCodes,
    int Population,
    double? Latitude,
    double? Longitude)
{
    internal string SearchKey { get; } = GeoReference.Normalize(Name);
}

/// <summary>
/// The territorial reference (départements and communes) held in memory with STRtree indexes.
/// Loaded once: reference data only changes with a new data release, which means a restart.
/// </summary>
public sealed class GeoReference
{
    /// <summary>Display tolerance in degrees (≈ 1.5 km): light enough for a browser, faithful at département scale.</summary>
    public const double DisplayTolerance = 0.014;

    private readonly STRtree<DepartementInfo> _departementIndex = new();
    private readonly STRtree<CommuneInfo> _communeIndex = new();

    private readonly HashSet<string> _sharedNames;

    private GeoReference(List<DepartementInfo> departements, List<CommuneInfo> communes)
    {
        Departements = departements.OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        DepartementsByCode = Departements.ToDictionary(d => d.Code);
        Communes = communes;
        CommunesByCode = communes.ToDictionary(c => c.Code);
        _sharedNames = communes.GroupBy(c => c.SearchKey).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var d in Departements)
        {
            _departementIndex.Insert(d.Boundary.EnvelopeInternal, d);
        }
        foreach (var c in communes.Where(c => c.Latitude is not null))
        {
            _communeIndex.Insert(new Envelope(c.Longitude!.Value, c.Longitude.Value, c.Latitude!.Value, c.Latitude.Value), c);
        }
        _departementIndex.Build();
        _communeIndex.Build();
        ComputeNeighbours();
        Version = ComputeVersion();
    }

    /// <summary>Changes with the reference data (a new data release): part of the ETag of answers built on it.</summary>
    public string Version { get; }

    public IReadOnlyList<DepartementInfo> Departements { get; }

    public IReadOnlyDictionary<string, DepartementInfo> DepartementsByCode { get; }

    public IReadOnlyList<CommuneInfo> Communes { get; }

    public IReadOnlyDictionary<string, CommuneInfo> CommunesByCode { get; }

    public static async Task<GeoReference> LoadAsync(PareDbContext db, CancellationToken ct = default)
    {
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var rows = await db.Departements.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        var simplified = CoverageSimplifier.Simplify([.. rows.Select(d => (Geometry)d.Boundary)], DisplayTolerance);
        var departements = rows.Select((d, i) => new DepartementInfo(
            d.Code, d.Name, d.RegionCode, regions.GetValueOrDefault(d.RegionCode, ""), d.Population, d.Boundary, simplified[i])).ToList();

        var communes = (await db.Communes.AsNoTracking().ToListAsync(ct))
            .Select(c => new CommuneInfo(c.Code, c.Name, c.DepartementCode, c.PostalCodes, c.Population, c.Location?.Y, c.Location?.X))
            .ToList();
        return new GeoReference(departements, communes);
    }

    /// <summary>The département whose boundary contains the point, if any.</summary>
    public DepartementInfo? DepartementAt(double latitude, double longitude)
    {
        var point = GeoConstants.Point(latitude, longitude);
        return _departementIndex.Query(point.EnvelopeInternal).FirstOrDefault(d => d.Prepared.Covers(point));
    }

    public IReadOnlyList<(CommuneInfo Commune, double DistanceKm)> NearestCommunes(double latitude, double longitude, int count) =>
        GreatCircle.Nearest(_communeIndex, latitude, longitude, count, c => (c.Latitude!.Value, c.Longitude!.Value));

    /// <summary>Whether another commune bears the same name (« Saint-Denis » in 93 and 974): it then needs its département to be told apart.</summary>
    public bool HasHomonym(CommuneInfo commune) => _sharedNames.Contains(commune.SearchKey);

    /// <summary>
    /// Communes matching a name or a postal code: accent- and case-insensitive; exact names first, then
    /// name prefixes, then names containing the text, each by decreasing population; postal-code prefixes accepted, and an exact INSEE code when no postal code matches.
    /// </summary>
    public IReadOnlyList<CommuneInfo> SearchCommunes(string? query, int limit = 10)
    {
        var q = Normalize(query ?? "");
        if (q.Length == 0)
        {
            return [];
        }
        if (q.All(char.IsAsciiDigit))
        {
            List<CommuneInfo> byPostalCode = [.. Communes
                .Where(c => c.PostalCodes.Any(p => p.StartsWith(q, StringComparison.Ordinal)))
                .OrderByDescending(c => c.PostalCodes.Contains(q))
                .ThenByDescending(c => c.Population)
                .Take(limit)];
            return byPostalCode.Count > 0 || !CommunesByCode.TryGetValue(q, out var byInsee) ? byPostalCode : [byInsee];
        }
        if (CommunesByCode.TryGetValue(q.ToUpperInvariant(), out var corsican))
        {
            return [corsican];
        }
        return [.. Communes
            .Select(c => (Commune: c, Rank: c.SearchKey == q ? 0 : c.SearchKey.StartsWith(q, StringComparison.Ordinal) ? 1 : c.SearchKey.Contains(q, StringComparison.Ordinal) ? 2 : 3))
            .Where(x => x.Rank < 3)
            .OrderBy(x => x.Rank)
            .ThenByDescending(x => x.Commune.Population)
            .Take(limit)
            .Select(x => x.Commune)];
    }

    /// <summary>Lower case, no diacritics, and every run of punctuation or spaces as one space ("Saint-Étienne" → "saint etienne").</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                builder.Append(char.ToLowerInvariant(c) switch { 'œ' => "oe", 'æ' => "ae", 'ß' => "ss", 'ø' => "o", 'ł' => "l", 'đ' => "d", var l => l.ToString() });
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }
        return builder.ToString();
    }

    private string ComputeVersion()
    {
        var text = new StringBuilder();
        foreach (var d in Departements)
        {
            text.Append(d.Code).Append(d.Name).Append(d.RegionName).Append(d.Population).Append(d.Boundary.NumPoints).Append(';');
        }
        foreach (var c in Communes)
        {
            text.Append(c.Code).Append(c.Name).Append(c.DepartementCode).Append(string.Join(',', c.PostalCodes)).Append(c.Latitude).Append(c.Longitude).Append(';');
        }
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private void ComputeNeighbours()
    {
        foreach (var d in Departements)
        {
            var prepared = PreparedGeometryFactory.Prepare(d.DisplayBoundary);
            d.NeighbourCodes = [.. _departementIndex.Query(d.DisplayBoundary.EnvelopeInternal)
                .Where(other => other.Code != d.Code && prepared.Intersects(other.DisplayBoundary))
                .Select(other => other.Code)
                .Order(StringComparer.Ordinal)];
        }
    }
}
