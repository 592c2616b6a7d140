using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Retention;

/// <summary>
/// An invitation never accepted (the invited address) is deleted <see cref="RetentionOptions.ExpiredInvitationMonths"/>
/// after it expired. An accepted one goes with the account that accepted it.
/// </summary>
public sealed class ExpiredInvitationRule(IOptions<RetentionOptions> options) : IRetentionRule
{
    public string Label => "invitations expirées supprimées";

    public Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddMonths(-options.Value.ExpiredInvitationMonths);
        return db.Invitations
            .Where(i => i.AcceptedAt == null && i.ExpiresAt <= cutoff)
            .ExecuteDeleteAsync(ct);
    }
}
