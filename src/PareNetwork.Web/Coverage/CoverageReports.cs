using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Coverage;

/// <summary>A département's figures now and in the snapshot before, for the « évolution » of the reports.</summary>
public sealed record DepartementChange(DepartementCoverage Current, DepartementCoverage? Previous)
{
    public int? ScoreDelta => Previous is null ? null : Current.Score - Previous.Score;

    public int? LocalDelta => Previous is null ? null : Current.LocalStructures - Previous.LocalStructures;

    public double? ShareWithinRadiusDelta => Previous is null ? null : CoverageMethod.Round(Current.ShareWithinRadius - Previous.ShareWithinRadius, CoverageMethod.ShareDecimals);

    public bool ClassChanged => Previous is not null && Previous.Class != Current.Class;

    public bool Changed => Previous is not null && (ScoreDelta != 0 || LocalDelta != 0 || ShareWithinRadiusDelta != 0 || ClassChanged);
}

/// <summary>One point of a département's history: a snapshot's date and method, and its figures then.</summary>
public sealed record DepartementHistoryPoint(DateTime ComputedAt, string MethodVersion, DepartementCoverage Figures);

/// <summary>Reading the stored snapshots: the latest, the one before, the difference, a département's history.</summary>
public static class CoverageReports
{
    public static Task<CoverageSnapshot?> LatestAsync(PareDbContext db, CancellationToken ct = default) =>
        db.CoverageSnapshots.AsNoTracking()
            .Include(s => s.Departements).Include(s => s.Regions).AsSplitQuery()
            .OrderByDescending(s => s.ComputedAt).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);

    public static Task<CoverageSnapshot?> PreviousAsync(PareDbContext db, CoverageSnapshot snapshot, CancellationToken ct = default) =>
        db.CoverageSnapshots.AsNoTracking()
            .Include(s => s.Departements).Include(s => s.Regions).AsSplitQuery()
            .Where(s => s.ComputedAt < snapshot.ComputedAt || (s.ComputedAt == snapshot.ComputedAt && s.Id < snapshot.Id))
            .OrderByDescending(s => s.ComputedAt).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>Every département of <paramref name="current"/>, with its figures in <paramref name="previous"/>.</summary>
    public static IReadOnlyDictionary<string, DepartementChange> Compare(CoverageSnapshot current, CoverageSnapshot? previous)
    {
        var before = previous?.Departements.ToDictionary(d => d.Code, StringComparer.Ordinal) ?? [];
        return current.Departements.ToDictionary(d => d.Code, d => new DepartementChange(d, before.GetValueOrDefault(d.Code)), StringComparer.Ordinal);
    }

    /// <summary>The département's figures in every snapshot, oldest first.</summary>
    public static async Task<IReadOnlyList<DepartementHistoryPoint>> HistoryAsync(PareDbContext db, string code, CancellationToken ct = default)
    {
        var rows = await db.CoverageSnapshots.AsNoTracking()
            .SelectMany(s => s.Departements.Where(d => d.Code == code), (s, d) => new { s.Id, s.ComputedAt, s.MethodVersion, Figures = d })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.ComputedAt).ThenBy(r => r.Id).Select(r => new DepartementHistoryPoint(r.ComputedAt, r.MethodVersion, r.Figures))];
    }
}
