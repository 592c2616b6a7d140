using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.History;

namespace PareNetwork.Web.BackOffice;

/// <summary>What the history table partial shows: rows, the structures' names, and which rows are creations.</summary>
public sealed record HistoryRows(
    IReadOnlyList<StructureChange> Changes,
    IReadOnlyDictionary<int, string>? StructureNames,
    IReadOnlySet<Guid> CreationSets,
    string ReturnUrl)
{
    public bool ShowStructure => StructureNames is not null;

    public bool CanRestore(StructureChange c) => HistoryRestore.IsRestorable(c.Field) && !CreationSets.Contains(c.ChangeSetId);

    /// <summary>The change sets among <paramref name="changes"/> that created a structure (nothing before them to restore).</summary>
    public static async Task<HashSet<Guid>> CreationSetsAsync(PareDbContext db, IEnumerable<StructureChange> changes)
    {
        var sets = changes.Select(c => c.ChangeSetId).Distinct().ToList();
        if (sets.Count == 0)
        {
            return [];
        }
        var created = await db.StructureChanges.AsNoTracking()
            .Where(c => c.Field == StructureFields.Nom && c.OldValue == null && sets.Contains(c.ChangeSetId))
            .Select(c => c.ChangeSetId)
            .ToListAsync();
        return [.. created];
    }
}
