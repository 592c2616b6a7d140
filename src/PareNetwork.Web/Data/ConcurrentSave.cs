using Microsoft.EntityFrameworkCore;

namespace PareNetwork.Web.Data;

public static class ConcurrentSave
{
    /// <summary>
    /// Saves a decision; false when another decision on the same row was saved first (its status is a concurrency
    /// token): nothing is written then, no e-mail leaves, and the tracked changes are dropped.
    /// </summary>
    public static async Task<bool> SaveUnlessDecidedMeanwhileAsync(this PareDbContext db)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
