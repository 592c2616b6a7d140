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

    /// <summary>How far back a conflict looks: a form is rarely open longer, and a forged opening time shows no more.</summary>
    public static readonly TimeSpan LongestEdit = TimeSpan.FromDays(1);

    /// <summary>The opening time a form posted (UTC ticks), bounded to the last <see cref="LongestEdit"/>; now when absent or absurd.</summary>
    public static DateTime OpenedAt(long ticks, DateTime now) =>
        ticks > 0 && ticks <= now.Ticks ? new DateTime(Math.Max(ticks, (now - LongestEdit).Ticks), DateTimeKind.Utc) : now;

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

    /// <summary>"Nom : « A » → « B » (compte 7F3K2Q, le 1er décembre 2026 à 9 h 05)".</summary>
    public static string Describe(StructureChange c) =>
        $"{BackOffice.FieldLabels.Of(c.Field)} : « {c.OldValue ?? "vide"} » → « {c.NewValue ?? "vide"} » ({c.AuthorLabel}, le {Pages.Shared.Display.DateAndTime(c.At)})";
}
