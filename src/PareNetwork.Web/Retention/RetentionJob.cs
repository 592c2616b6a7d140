using PareNetwork.Web.Data;
using PareNetwork.Web.Jobs;

namespace PareNetwork.Web.Retention;

/// <summary>
/// The nightly RGPD job: runs every registered <see cref="IRetentionRule"/>, each on a database context of its own so
/// that one rule's failure leaves no half-made change for the next. A failed rule does not stop the others; the run
/// then fails as a whole (recorded with the exception's type), so the coordination sees it. The summary holds one
/// count per rule, never a name or an address.
/// </summary>
public sealed partial class RetentionJob(JobRecorder recorder, IEnumerable<IRetentionRule> rules, IServiceScopeFactory scopes, TimeProvider time, ILogger<RetentionJob> logger)
    : IRecurringJob
{
    public const string Id = "retention";

    public Task RunAsync(CancellationToken ct) => recorder.RunAsync(Id, ApplyAllAsync, ct);

    private async Task<string> ApplyAllAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lines = new List<string>();
        var failed = 0;
        foreach (var rule in rules)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var count = await rule.ApplyAsync(scope.ServiceProvider.GetRequiredService<PareDbContext>(), now, ct);
                lines.Add($"{rule.Label} : {count}");
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogRuleFailed(logger, rule.GetType().Name, ex.GetType().Name);
                failed++;
            }
        }
        if (failed > 0)
        {
            throw new RetentionRuleFailedException();
        }
        return lines.Count == 0 ? "Aucune règle de conservation." : string.Join(" ; ", lines) + ".";
    }

    /// <summary>The exception's type only: its message may quote the data the rule was working on.</summary>
    [LoggerMessage(Level = LogLevel.Error, Message = "Retention rule {Rule} failed: {Exception}")]
    private static partial void LogRuleFailed(ILogger logger, string rule, string exception);
}

/// <summary>At least one retention rule failed (the others ran); its data waits for the next run.</summary>
public sealed class RetentionRuleFailedException() : Exception("Une règle de conservation a échoué.");
