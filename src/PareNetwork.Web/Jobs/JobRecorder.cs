using PareNetwork.Web.Data;

namespace PareNetwork.Web.Jobs;

/// <summary>
/// Records every run of a job in the app database, in a scope of its own so that a failed job's unsaved changes are
/// never saved with its record. Each job wraps its body in <see cref="RunAsync"/>; the body returns its summary.
/// </summary>
public sealed class JobRecorder(IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<string> RunAsync(string job, Func<CancellationToken, Task<string>> body, CancellationToken ct = default)
    {
        long runId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var run = JobRun.Start(job, time.GetUtcNow().UtcDateTime);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(ct);
            runId = run.Id;
        }
        try
        {
            var summary = await body(ct);
            await FinishAsync(runId, run => run.Succeed(time.GetUtcNow().UtcDateTime, summary));
            return summary;
        }
        catch (Exception ex)
        {
            await FinishAsync(runId, run => run.Fail(time.GetUtcNow().UtcDateTime, ex));
            throw;
        }
    }

    private async Task FinishAsync(long runId, Action<JobRun> finish)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var run = await db.JobRuns.FindAsync(runId);
        if (run is not null)
        {
            finish(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
