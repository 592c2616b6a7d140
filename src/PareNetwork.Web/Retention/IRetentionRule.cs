using PareNetwork.Web.Data;

namespace PareNetwork.Web.Retention;

/// <summary>
/// One rule of the RGPD retention job, for one kind of personal data, with its duration in configuration
/// (<c>Pare:Retention:*</c>). The job runs every registered rule; a rule is idempotent (a second run finds nothing).
/// </summary>
public interface IRetentionRule
{
    /// <summary>What the rule does, in French, for the job's summary (« corps des courriels envoyés »).</summary>
    string Label { get; }

    /// <summary>Applies the rule at <paramref name="now"/> and returns how many records it changed or removed; it saves its own changes.</summary>
    Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct);
}
