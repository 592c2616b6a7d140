namespace PareNetwork.Web.History;

/// <summary>
/// One field of one structure changed by one save: who, when, through what, old → new. Written only by
/// <see cref="StructureHistoryInterceptor"/>. No foreign key to the structure: the history outlives its deletion or merge.
/// </summary>
public class StructureChange
{
    public long Id { get; private set; }

    /// <summary>The structure's id; the structure may no longer exist.</summary>
    public int StructureId { get; internal set; }

    /// <summary>A stable field code from <see cref="StructureFields"/> (« nom », « departements », « statut »…).</summary>
    public required string Field { get; init; }

    /// <summary>The value before the save, as written by <see cref="StructureFields.Format"/>; null when there was none (creation).</summary>
    public string? OldValue { get; init; }

    /// <summary>The value after the save; null when there is none (deletion, emptied field).</summary>
    public string? NewValue { get; init; }

    /// <summary>When the save happened (UTC).</summary>
    public DateTime At { get; init; }

    /// <summary>The author's user id, when a person made the change; may be cleared when the account is deleted.</summary>
    public string? AuthorId { get; set; }

    /// <summary>The author as shown in the history (« Coordination #3 », « système »…): a pseudonym kept when the account is deleted.</summary>
    public required string AuthorLabel { get; init; }

    public ChangeChannel Channel { get; init; }

    /// <summary>Shared by every field of one save, so that a group (commune + point + precision) can be shown and restored together.</summary>
    public Guid ChangeSetId { get; init; }

    /// <summary>Whether the coordination has looked at the change.</summary>
    public bool Reviewed { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    /// <summary>The reviewer's label (a pseudonym, like <see cref="AuthorLabel"/>).</summary>
    public string? ReviewedBy { get; private set; }

    public void MarkReviewed(DateTime at, string by)
    {
        Reviewed = true;
        ReviewedAt = at;
        ReviewedBy = by;
    }
}
