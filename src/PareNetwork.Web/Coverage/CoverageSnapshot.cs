using System.Text.Json;

namespace PareNetwork.Web.Coverage;

/// <summary>
/// One coverage report: the figures of every département and their roll-up by région, as computed at
/// <see cref="ComputedAt"/> with the method of <see cref="MethodVersion"/>. Never changed once stored.
/// </summary>
public sealed class CoverageSnapshot
{
    public int Id { get; private set; }

    public DateTime ComputedAt { get; init; }

    public string MethodVersion { get; init; } = CoverageMethod.Version;

    public double RadiusKm { get; init; }

    /// <summary>Published structures at the time, national ones included.</summary>
    public int PublishedStructures { get; init; }

    public List<DepartementCoverage> Departements { get; init; } = [];

    public List<RegionCoverage> Regions { get; init; } = [];

    /// <summary>Same method, radius and figures: a new snapshot would tell nothing the previous one does not.</summary>
    public bool HasSameFiguresAs(CoverageSnapshot? other) =>
        other is not null && other.MethodVersion == MethodVersion && other.RadiusKm.Equals(RadiusKm)
        && other.PublishedStructures == PublishedStructures && other.FiguresKey() == FiguresKey();

    private string FiguresKey() => JsonSerializer.Serialize(new
    {
        Departements = Departements.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => d.Figures()),
        Regions = Regions.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => r.Figures()),
    });
}

/// <summary>The coverage of one département in a snapshot; the names of the export's properties are in <see cref="CoverageExport"/>.</summary>
public sealed class DepartementCoverage
{
    public int SnapshotId { get; private set; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string RegionCode { get; init; }

    public required string RegionName { get; init; }

    public long Population { get; init; }

    /// <summary>Published structures of scope locale or départementale serving it.</summary>
    public int LocalStructures { get; init; }

    public int RegionalStructures { get; init; }

    /// <summary>National structures serve every département.</summary>
    public int NationalStructures { get; init; }

    /// <summary>Structures serving it (local, régional and national) by action code, every code of the vocabulary present.</summary>
    public Dictionary<string, int> ByAction { get; init; } = [];

    public double LocalPer100000 { get; init; }

    /// <summary>0–1: population of its communes within the radius of a local access point, over the population of its located communes.</summary>
    public double ShareWithinRadius { get; init; }

    public long CommunesPopulation { get; init; }

    public long PopulationWithinRadius { get; init; }

    /// <summary>Local structures offering an access action that have no point, so that the share within the radius leaves them out.</summary>
    public int LocalWithoutPoint { get; init; }

    /// <summary>0–1, or null without local structure.</summary>
    public double? ShareUpToDate { get; init; }

    /// <summary>Codes of the key actions no local structure offers, in the method's order.</summary>
    public List<string> MissingActions { get; init; } = [];

    public int Score { get; init; }

    public CoverageClass Class { get; init; }

    public int Total => LocalStructures + RegionalStructures + NationalStructures;

    internal object Figures() => new
    {
        Code, Name, RegionCode, RegionName, Population, LocalStructures, RegionalStructures, NationalStructures,
        ByAction = ByAction.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(), LocalPer100000, ShareWithinRadius,
        CommunesPopulation, PopulationWithinRadius, LocalWithoutPoint, ShareUpToDate, MissingActions, Score, Class,
    };
}

/// <summary>The roll-up of a région: a structure serving several of its départements counts once.</summary>
public sealed class RegionCoverage
{
    public int SnapshotId { get; private set; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public int DepartementCount { get; init; }

    public long Population { get; init; }

    public int LocalStructures { get; init; }

    public long CommunesPopulation { get; init; }

    public long PopulationWithinRadius { get; init; }

    public double ShareWithinRadius { get; init; }

    public double? ShareUpToDate { get; init; }

    /// <summary>Mean of its départements' scores weighted by their population, rounded.</summary>
    public int Score { get; init; }

    internal object Figures() => new
    {
        Code, Name, DepartementCount, Population, LocalStructures, CommunesPopulation, PopulationWithinRadius, ShareWithinRadius, ShareUpToDate, Score,
    };
}
