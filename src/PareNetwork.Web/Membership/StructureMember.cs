namespace PareNetwork.Web.Membership;

/// <summary>A person who manages a structure's record (the « Membre » role); a structure can have several.</summary>
public class StructureMember
{
    public int Id { get; private set; }

    public int StructureId { get; init; }

    public required string UserId { get; init; }

    /// <summary>Their role in the structure, as they gave it ("directrice", "éducateur"…).</summary>
    public string? RoleInStructure { get; init; }

    public DateTime Since { get; init; }

    /// <summary>How the link was made: an approved request or an accepted invitation.</summary>
    public required string Origin { get; init; }
}
