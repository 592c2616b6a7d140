using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Data;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.Retention;

/// <summary>
/// A refused « Je représente cette structure » request (professional e-mail, role, message, reason) is deleted
/// <see cref="RetentionOptions.RefusedLinkRequestMonths"/> after its refusal. Accepted requests go with their account.
/// </summary>
public sealed class RefusedLinkRequestRule(IOptions<RetentionOptions> options) : IRetentionRule
{
    public string Label => "demandes de rattachement refusées supprimées";

    public Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddMonths(-options.Value.RefusedLinkRequestMonths);
        return db.LinkRequests
            .Where(r => r.Status == LinkRequestStatus.Refusee && r.DecidedAt <= cutoff)
            .ExecuteDeleteAsync(ct);
    }
}
