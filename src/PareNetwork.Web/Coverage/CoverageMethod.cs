using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Coverage;

/// <summary>How weak a département's coverage is, from the most covered to the least.</summary>
public enum CoverageClass
{
    Couvert,
    Partiel,
    Faible,
    NonCouvert,
}

/// <summary>
/// The published method of the coverage report: which actions count, the score formula and the class thresholds.
/// Pages/Rapports/Methode explains each of these in French; change <see cref="Version"/> with any of them, so that
/// snapshots computed another way are never compared as if they were alike.
/// </summary>
public static class CoverageMethod
{
    public const string Version = "1";

    /// <summary>The actions of a structure a young person or a family can turn to directly: they make a place « covered » within the radius.</summary>
    public static readonly IReadOnlyList<StructureAction> AccessActions =
        [StructureAction.EcouteOrientation, StructureAction.AccompagnementEducatif, StructureAction.Hebergement, StructureAction.Soins];

    /// <summary>The key actions every département should find in at least one local structure.</summary>
    public static readonly IReadOnlyList<StructureAction> KeyActions =
    [
        StructureAction.Prevention, StructureAction.Reperage, StructureAction.EcouteOrientation, StructureAction.AccompagnementEducatif,
        StructureAction.Hebergement, StructureAction.Formation, StructureAction.SoutienParents,
    ];

    /// <summary>Weights of the four parts of the score; they add up to 1.</summary>
    public const double DistanceWeight = 0.40;
    public const double ActionsWeight = 0.25;
    public const double DensityWeight = 0.20;
    public const double FreshnessWeight = 0.15;

    /// <summary>Local structures per 100,000 inhabitants at which the density part of the score is fully met.</summary>
    public const double DensityTarget = 1.0;

    /// <summary>A score at or above this is « faible ».</summary>
    public const int WeakFrom = 60;

    /// <summary>A score at or above this (and below <see cref="WeakFrom"/>) is « partiel »; below it, « couvert ».</summary>
    public const int PartialFrom = 30;

    public const int ShareDecimals = 4;

    public const int DensityDecimals = 2;

    /// <summary>
    /// 0 (best) to 100 (weakest), from the published, rounded figures, so that anyone can recompute it from an export:
    /// 100 × (0.40 × (1 − part_population_30km) + 0.25 × actions manquantes / 7
    /// + 0.20 × (1 − min(1, structures_pour_100000 / 1)) + 0.15 × (1 − part_a_jour)), part_a_jour taken as 0 without
    /// local structure; rounded to the nearest integer, halves away from zero.
    /// </summary>
    public static int Score(double shareWithinRadius, int missingActions, double localPer100000, double? shareUpToDate)
    {
        var weakness = DistanceWeight * (1 - shareWithinRadius)
            + ActionsWeight * missingActions / KeyActions.Count
            + DensityWeight * (1 - Math.Min(1, localPer100000 / DensityTarget))
            + FreshnessWeight * (1 - (shareUpToDate ?? 0));
        return (int)Math.Clamp(Math.Round(100 * weakness, MidpointRounding.AwayFromZero), 0, 100);
    }

    /// <summary>« non couvert » without any local structure, whatever the rest; otherwise by the score's thresholds.</summary>
    public static CoverageClass Classify(int localStructures, int score) =>
        localStructures == 0 ? CoverageClass.NonCouvert
        : score >= WeakFrom ? CoverageClass.Faible
        : score >= PartialFrom ? CoverageClass.Partiel
        : CoverageClass.Couvert;

    /// <summary>The value of <c>classe</c> in exports and the label on the pages.</summary>
    public static string Label(this CoverageClass value) => value switch
    {
        CoverageClass.NonCouvert => "non couvert",
        CoverageClass.Faible => "faible",
        CoverageClass.Partiel => "partiel",
        CoverageClass.Couvert => "couvert",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>A CSS-safe code (« non-couvert »), for classes of the map and the table.</summary>
    public static string Code(this CoverageClass value) => value.Label().Replace(' ', '-');

    public static bool TryParseLabel(string? text, out CoverageClass value)
    {
        foreach (var c in Enum.GetValues<CoverageClass>())
        {
            if (string.Equals(c.Label(), text, StringComparison.Ordinal) || string.Equals(c.Code(), text, StringComparison.Ordinal))
            {
                value = c;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
