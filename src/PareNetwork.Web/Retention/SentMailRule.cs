using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Retention;

/// <summary>
/// A delivered e-mail keeps, for audit, its id (the Message-Id), subject and times; after <see cref="RetentionOptions.SentMailDays"/>
/// it loses its recipient and body — the address is a person's, and the body holds names, refusal reasons and
/// single-use links. Subjects are fixed texts (« Demande reçue – Réseau PARÉ ») naming no one. A message given up
/// after its last failed attempt is treated the same from that failure on; messages still being tried are left to the delivery.
/// </summary>
public sealed class SentMailRule(IOptions<RetentionOptions> options) : IRetentionRule
{
    public string Label => "courriels envoyés rendus anonymes";

    public Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddDays(-options.Value.SentMailDays);
        return db.Outbox
            .Where(m => ((m.SentAt != null && m.SentAt <= cutoff) || (m.FailedAt != null && m.FailedAt <= cutoff)) && (m.To != "" || m.TextBody != ""))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.To, "").SetProperty(m => m.TextBody, ""), ct);
    }
}
