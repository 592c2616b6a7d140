namespace PareNetwork.Web.Setup;

/// <summary>
/// How to reach the coordination of the network, shown wherever a page says « passez par la coordination »
/// (confidential structures, error pages): never a dead end. Only functional contacts, never a person's own.
/// </summary>
public sealed class CoordinationOptions
{
    public const string Section = "Pare:Coordination";

    public string Name { get; set; } = "Droit d'Enfance, coordination du réseau PARÉ";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Website { get; set; } = "https://www.droitdenfance.org";

    /// <summary>Where the network's charter is published; « Rejoindre le réseau » links to it when set.</summary>
    public string? CharterUrl { get; set; }
}
