using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PareNetwork.Web.Data;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Mail;

/// <summary>
/// Delivers the outbox: every due message, fresh ones first. Each message is claimed by a conditional UPDATE before
/// it is sent, and marked sent only by the delivery that holds the claim, so that two deliveries racing (two Hangfire
/// workers, a job and a direct flush, two processes) never send it twice. A failure schedules the next attempt
/// (<see cref="OutboxMessage.RetryDelay"/>); the tenth gives the message up (« en échec »).
/// </summary>
public sealed partial class OutboxDelivery(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxDelivery> logger)
{
    /// <summary>How long a claim holds: longer than <see cref="SendTimeout"/>, so that a live delivery never loses it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan SendTimeout = TimeSpan.FromMinutes(2);

    private const int BatchSize = 50;

    /// <summary>Sends every due message now; returns how many were sent. Tests call this, never wait.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default) => (await DeliverAsync(ct)).Sent;

    public async Task<bool> AnythingDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = time.GetUtcNow().UtcDateTime;
        return await scope.ServiceProvider.GetRequiredService<PareDbContext>().Outbox.AnyAsync(OutboxMessage.DueAt(now), ct);
    }

    public async Task<DeliveryReport> DeliverAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<IMailSender>();
        var (sent, failed) = (0, 0);
        var tried = new HashSet<Guid>();
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            // Fresh messages (no next attempt) first: messages that keep failing never hold back the others.
            var batch = (await db.Outbox.AsNoTracking().Where(OutboxMessage.DueAt(now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt).Select(m => m.Id).Take(BatchSize).ToListAsync(ct))
                .Where(tried.Add).ToList();
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var id in batch)
            {
                switch (await DeliverOneAsync(db, sender, id, ct))
                {
                    case Outcome.Sent:
                        sent++;
                        break;
                    case Outcome.Failed:
                        failed++;
                        break;
                }
            }
        }
        var pending = await db.Outbox.CountAsync(m => m.SentAt == null && m.FailedAt == null, ct);
        var givenUp = await db.Outbox.CountAsync(m => m.SentAt == null && m.FailedAt != null, ct);
        return new DeliveryReport(sent, failed, pending, givenUp);
    }

    private async Task<Outcome> DeliverOneAsync(PareDbContext db, IMailSender sender, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Guid? token = Guid.NewGuid();
        DateTime? until = now + Lease;
        var claimed = await db.Outbox.Where(m => m.Id == id).Where(OutboxMessage.DueAt(now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseToken, token).SetProperty(m => m.LeaseUntil, until), ct);
        if (claimed == 0)
        {
            return Outcome.Skipped;
        }
        db.ChangeTracker.Clear();
        var message = await db.Outbox.SingleAsync(m => m.Id == id, ct);
        Outcome outcome;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(SendTimeout);
            await sender.SendAsync(message, timeout.Token);
            message.MarkSent(time.GetUtcNow().UtcDateTime);
            outcome = Outcome.Sent;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            message.Release();
            await SaveClaimedAsync(db, id);
            throw;
        }
        catch (Exception ex)
        {
            // The exception's type only: an SMTP error message often holds the recipient's address.
            var error = ex is OperationCanceledException ? nameof(TimeoutException) : ex.GetType().Name;
            message.MarkFailed(error, time.GetUtcNow().UtcDateTime);
            LogFailed(logger, id, error, message.Attempts);
            outcome = Outcome.Failed;
        }
        // Once sent, the message is recorded as sent even if the app is stopping.
        await SaveClaimedAsync(db, id);
        return outcome;
    }

    /// <summary>Saves under the claim: a delivery whose claim lapsed and was taken over writes nothing.</summary>
    private async Task SaveClaimedAsync(PareDbContext db, Guid id)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogClaimLost(logger, id);
        }
        db.ChangeTracker.Clear();
    }

    private enum Outcome
    {
        Skipped,
        Sent,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} not delivered ({Error}), attempt {Attempts}.")]
    private static partial void LogFailed(ILogger logger, Guid id, string error, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id}: its claim lapsed during the delivery and another delivery holds it.")]
    private static partial void LogClaimLost(ILogger logger, Guid id);
}

/// <summary>What a delivery pass did (<see cref="Sent"/>, <see cref="Failed"/>) and what is left (<see cref="Pending"/>, <see cref="GivenUp"/>).</summary>
public sealed record DeliveryReport(int Sent, int Failed, int Pending, int GivenUp)
{
    /// <summary>Counts only, never an address: « 3 courriels envoyés, 1 en attente ».</summary>
    public string Summary =>
        Display.Count(Sent, "courriel envoyé", "courriels envoyés", feminine: false)
        + (Pending > 0 ? $", {Pending} en attente" : "")
        + (GivenUp > 0 ? $", {GivenUp} en échec" : "");
}

/// <summary>
/// Delivery right after the commit, enforced at one place: a save that adds outbox messages queues a delivery job once
/// it has committed — at SavedChanges without an explicit transaction, at the commit of one otherwise.
/// </summary>
public sealed class OutboxInterceptor(IBackgroundJobClient jobs, ILogger<OutboxInterceptor> logger) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool _pending;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        QueueIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        QueueIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => QueueDelivery();

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        QueueDelivery();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => _pending = false;

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = false;
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added) == true)
        {
            _pending = true;
        }
    }

    private void QueueIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            QueueDelivery();
        }
    }

    private void QueueDelivery()
    {
        if (_pending)
        {
            _pending = false;
            OutboxDeliveryJob.TryEnqueue(jobs, logger);
        }
    }
}
