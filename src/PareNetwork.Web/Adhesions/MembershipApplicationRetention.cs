using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Retention;

namespace PareNetwork.Web.Adhesions;

/// <summary>
/// Applications to join are anonymised <c>Pare:Retention:MembershipApplicationMonths</c> (12 by default) after their
/// decision; one left open that long after its last step (received, or a question asked) is closed and anonymised.
/// An accepted applicant lives on as an account, under the accounts' own rule.
/// </summary>
public sealed class MembershipApplicationRetention(IConfiguration configuration) : IRetentionRule
{
    public const int DefaultMonths = 12;

    public string Label => "demandes d'adhésion anonymisées";

    public async Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var limit = now.AddMonths(-Math.Max(1, configuration.GetValue("Pare:Retention:MembershipApplicationMonths", DefaultMonths)));
        var expired = await db.MembershipApplications.Where(a => a.AnonymisedAt == null &&
                (a.DecidedAt != null ? a.DecidedAt < limit : (a.QuestionAskedAt ?? a.CreatedAt) < limit))
            .ToListAsync(ct);
        foreach (var application in expired)
        {
            application.Anonymise(now);
        }
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }
}
