using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Web.Structures;

/// <summary>
/// Saves an edited structure against the version its editor started from: when someone else saved in between,
/// nothing is written and the editor is shown, from the history, what changed meanwhile.
/// </summary>
public static class StructureSave
{
    public sealed record Conflict(IReadOnlyList<StructureChange> ChangesMeanwhile);

    /// <returns>null when saved; the conflict otherwise.</returns>
    public static async Task<Conflict?> SaveAsync(PareDbContext db, Structure structure, Guid startedFrom, DateTime openedAt)
    {
        db.Entry(structure).Property(s => s.Version).OriginalValue = startedFrom;
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var meanwhile = await db.StructureChanges.AsNoTracking()
                .Where(c => c.StructureId == structure.Id && c.At >= openedAt)
                .OrderBy(c => c.Id)
                .ToListAsync();
            return new Conflict(meanwhile);
        }
    }

    /// <summary>"nom : « A » → « B » (compte 7F3K2Q, le 1er décembre 2026 à 9 h 05)".</summary>
    public static string Describe(StructureChange c) =>
        $"{c.Field} : « {c.OldValue ?? "vide"} » → « {c.NewValue ?? "vide"} » ({c.AuthorLabel}, le {Pages.Shared.Display.DateAndTime(c.At)})";
}
