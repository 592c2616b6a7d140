namespace PareNetwork.Web.Freshness;

/// <summary>How current a structure's record is, from the last time a person confirmed it (<see cref="Domain.Structure.FreshnessAt"/>).</summary>
public enum FreshnessState
{
    /// <summary>No person ever confirmed it (every seeded record at first): not « overdue by years ».</summary>
    JamaisConfirmee,

    AJour,

    /// <summary>Its update frequency has elapsed since the last confirmation.</summary>
    AVerifier,

    /// <summary>A month past due.</summary>
    EnRetard,

    /// <summary>Twelve months without confirmation; shown with a warning, never hidden automatically.</summary>
    Obsolete,
}

public static class FreshnessStateLabels
{
    public static string Label(this FreshnessState state) => state switch
    {
        FreshnessState.JamaisConfirmee => "jamais confirmée",
        FreshnessState.AJour => "à jour",
        FreshnessState.AVerifier => "à vérifier",
        FreshnessState.EnRetard => "en retard",
        FreshnessState.Obsolete => "obsolète",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The state's code in URLs (the back office's <c>fraicheur</c> filter): stable, never renamed.</summary>
    public static string Code(this FreshnessState state) => state switch
    {
        FreshnessState.JamaisConfirmee => "jamais",
        FreshnessState.AJour => "a-jour",
        FreshnessState.AVerifier => "a-verifier",
        FreshnessState.EnRetard => "en-retard",
        FreshnessState.Obsolete => "obsolete",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>Every state in the order the back office lists them.</summary>
    public static IReadOnlyList<FreshnessState> All { get; } =
        [FreshnessState.AJour, FreshnessState.AVerifier, FreshnessState.EnRetard, FreshnessState.Obsolete, FreshnessState.JamaisConfirmee];

    public static bool TryParse(string? code, out FreshnessState state)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }
}
