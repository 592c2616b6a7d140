using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Retention;

namespace PareNetwork.Web.Freshness;

/// <summary>
/// A reminder's link names the member it went to: once it can no longer be used (expired) it is kept
/// <see cref="KeptAfterExpiry"/> for the coordination's questions, then deleted. The confirmation stays in the history.
/// </summary>
public sealed class FreshnessLinkRetention : IRetentionRule
{
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(90);

    public string Label => "liens de confirmation de fiche expirés";

    public Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var before = now - KeptAfterExpiry;
        return db.FreshnessLinks.Where(l => l.ExpiresAt < before).ExecuteDeleteAsync(ct);
    }
}
