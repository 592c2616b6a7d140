using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Freshness;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Jobs;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Coverage;

/// <summary>
/// « couverture »: computes the coverage report of every département and stores it as a snapshot, unless the figures
/// are those of the latest snapshot (a second run right after stores nothing). Weekly, on demand from /rapports, and
/// once at start-up when no snapshot exists.
/// </summary>
public sealed class CoverageJob(JobRecorder recorder, PareDbContext db, GeoReference geo, TimeProvider time, IOptions<CoverageOptions> options) : IRecurringJob
{
    public const string Id = "couverture";

    public const string Label = "Rapport de couverture territoriale";

    /// <summary>Mondays at 6:00, Paris time: the DGCS finds the week's report on Monday morning.</summary>
    public const string DefaultCron = "0 6 * * 1";

    public Task RunAsync(CancellationToken ct) => recorder.RunAsync(Id, c => TakeSnapshotAsync(firstOne: false, c), ct);

    /// <summary>The first snapshot of an install, at start-up: there is no latest one to compare with, so none is read.</summary>
    public Task RunFirstAsync(CancellationToken ct) => recorder.RunAsync(Id, c => TakeSnapshotAsync(firstOne: true, c), ct);

    private async Task<string> TakeSnapshotAsync(bool firstOne, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var snapshot = await ComputeAsync(db, geo, now, options.Value.RadiusKm, ct);
        var latest = firstOne ? null : await CoverageReports.LatestAsync(db, ct);
        if (snapshot.HasSameFiguresAs(latest))
        {
            return $"Aucun changement depuis l'instantané du {Display.DateAndTime(latest!.ComputedAt)} : rien d'enregistré.";
        }
        db.CoverageSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        var byClass = snapshot.Departements.CountBy(d => d.Class).ToDictionary();
        string Of(CoverageClass c, string singular, string plural) => Display.Count(byClass.GetValueOrDefault(c), singular, plural, feminine: false);
        return $"Instantané enregistré : {snapshot.Departements.Count.ToString(CultureInfo.InvariantCulture)} départements, "
            + $"{Of(CoverageClass.NonCouvert, "non couvert", "non couverts")}, {Of(CoverageClass.Faible, "faible", "faibles")}, "
            + $"{Of(CoverageClass.Partiel, "partiel", "partiels")}, {Of(CoverageClass.Couvert, "couvert", "couverts")} "
            + $"({Display.Count(snapshot.PublishedStructures, "structure publiée", "structures publiées")}).";
    }

    /// <summary>The figures of now, from the published structures at their true place (confidential ones included).</summary>
    public static async Task<CoverageSnapshot> ComputeAsync(PareDbContext db, GeoReference geo, DateTime now, double radiusKm, CancellationToken ct = default)
    {
        // A projection, not the entities: descriptions, contacts and history are not needed, and reading 10,000 whole
        // records would take most of the job's time.
        var published = await db.Structures.AsNoTracking()
            .Where(s => s.Status == StructureStatus.Publiee)
            .Select(s => new
            {
                s.Id,
                s.Scope,
                DepartementCodes = s.Departements.Select(d => d.Code).ToList(),
                s.Actions,
                s.Location,
                s.ConfirmedAt,
                s.UpdateFrequencyMonths,
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        var structures = published.Select(p => new CoverageStructure(
            p.Id, p.Scope, p.DepartementCodes, p.Actions, p.Location?.Y, p.Location?.X,
            FreshnessOf(p.ConfirmedAt, p.UpdateFrequencyMonths, now) == FreshnessState.AJour)).ToList();
        return CoverageCalculator.Compute(Areas(geo), Places(geo), structures, radiusKm, now);
    }

    /// <summary>The entity's own rule (<see cref="Structure.FreshnessAt"/>), applied to the two values it reads.</summary>
    private static FreshnessState FreshnessOf(DateTime? confirmedAt, int updateFrequencyMonths, DateTime now)
    {
        var probe = new Structure { Name = "", UpdateFrequencyMonths = updateFrequencyMonths };
        if (confirmedAt is { } at)
        {
            probe.Confirm(at);
        }
        return probe.FreshnessAt(now);
    }

    public static IReadOnlyList<CoverageArea> Areas(GeoReference geo) =>
        [.. geo.Departements.Select(d => new CoverageArea(d.Code, d.Name, d.RegionCode, d.RegionName, d.Population))];

    public static IReadOnlyList<CoveragePlace> Places(GeoReference geo) =>
        [.. geo.Communes.Where(c => c.Latitude is not null && c.Longitude is not null)
            .Select(c => new CoveragePlace(c.DepartementCode, c.Population, c.Latitude!.Value, c.Longitude!.Value))];
}
