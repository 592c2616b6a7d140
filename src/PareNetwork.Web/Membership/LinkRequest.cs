namespace PareNetwork.Web.Membership;

public enum LinkRequestStatus
{
    EnAttente,
    Acceptee,
    Refusee,
}

/// <summary>
/// « Je représente cette structure »: the one mechanism by which an account asks to manage a structure. The forms
/// issue's « rejoindre le réseau » for an existing structure creates the same request.
/// </summary>
public class LinkRequest
{
    public int Id { get; private set; }

    public required string UserId { get; init; }

    private int _structureId;

    public int StructureId { get => _structureId; init => _structureId = value; }

    public required string RoleInStructure { get; init; }

    public required string ProfessionalEmail { get; init; }

    public string? Message { get; init; }

    public DateTime CreatedAt { get; init; }

    public LinkRequestStatus Status { get; private set; } = LinkRequestStatus.EnAttente;

    public DateTime? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? RefusalReason { get; private set; }

    public bool IsPending => Status == LinkRequestStatus.EnAttente;

    /// <summary>The structure was merged into another: a pending request now asks for the structure that was kept.</summary>
    public void FollowMerge(int keptStructureId)
    {
        if (IsPending)
        {
            _structureId = keptStructureId;
        }
    }

    /// <summary>Accepts the request: returns the member link to add, or null when it was already decided.</summary>
    public StructureMember? Accept(DateTime at, string by)
    {
        if (!IsPending)
        {
            return null;
        }
        Status = LinkRequestStatus.Acceptee;
        DecidedAt = at;
        DecidedBy = by;
        return new StructureMember { StructureId = StructureId, UserId = UserId, RoleInStructure = RoleInStructure, Since = at, Origin = $"demande #{Id}" };
    }

    public bool Refuse(DateTime at, string by, string reason)
    {
        if (!IsPending)
        {
            return false;
        }
        Status = LinkRequestStatus.Refusee;
        DecidedAt = at;
        DecidedBy = by;
        RefusalReason = reason;
        return true;
    }
}
