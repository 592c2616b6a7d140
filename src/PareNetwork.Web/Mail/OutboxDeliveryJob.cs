using Hangfire;
using PareNetwork.Web.Jobs;

namespace PareNetwork.Web.Mail;

/// <summary>
/// The outbox's delivery as a Hangfire job: queued after each commit that wrote messages, and run every minute as a
/// safety net (<see cref="JobSchedule"/>, id « courriels ») for retries that fall due and for jobs lost with a crash.
/// A pass with nothing due records no run, so that the list of runs shows deliveries, not minutes.
/// </summary>
public sealed partial class OutboxDeliveryJob(OutboxDelivery delivery, JobRecorder recorder) : IRecurringJob
{
    public const string Id = "courriels";

    /// <summary>No Hangfire retry: a failed pass leaves the messages due, and the next minute's pass takes them.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        if (await delivery.AnythingDueAsync(ct))
        {
            await recorder.RunAsync(Id, async token => (await delivery.DeliverAsync(token)).Summary, ct);
        }
    }

    /// <summary>
    /// Queues a delivery now. A failure to queue is only logged: the messages are safe in the outbox, and the
    /// recurring pass delivers them within a minute.
    /// </summary>
    public static void TryEnqueue(IBackgroundJobClient jobs, ILogger logger)
    {
        try
        {
            jobs.Enqueue<OutboxDeliveryJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception ex)
        {
            LogNotQueued(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox delivery job not queued ({Error}); the recurring pass delivers the messages.")]
    private static partial void LogNotQueued(ILogger logger, string error);
}
