using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Retention;

namespace PareNetwork.Web.ContactRequests;

/// <summary>Contact requests are anonymised after <c>Pare:Retention:ContactRequestMonths</c> (12 by default).</summary>
public sealed class ContactRequestRetention(IConfiguration configuration) : IRetentionRule
{
    public const int DefaultMonths = 12;

    public string Label => "demandes de mise en relation anonymisées";

    public async Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var months = configuration.GetValue("Pare:Retention:ContactRequestMonths", DefaultMonths);
        var limit = now.AddMonths(-Math.Max(1, months));
        var expired = await db.ContactRequests.Where(r => r.AnonymisedAt == null && r.CreatedAt < limit).ToListAsync(ct);
        foreach (var request in expired)
        {
            request.Anonymise(now);
        }
        await db.SaveChangesAsync(ct);
        return expired.Count;
    }
}
