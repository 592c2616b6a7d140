namespace PareNetwork.Web.Accounts;

/// <summary>The three roles of the network, and the policies built on them.</summary>
public static class Roles
{
    /// <summary>The coordination team at Droit d'Enfance: curates the whole network.</summary>
    public const string Coordination = "Coordination";

    /// <summary>A person linked to one or more structures (not a structure's membership of the network).</summary>
    public const string Membre = "Membre";

    /// <summary>DGCS reviewers: read only, apart from asking for a coverage snapshot.</summary>
    public const string Dgcs = "DGCS";

    public static readonly IReadOnlyList<string> All = [Coordination, Membre, Dgcs];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
