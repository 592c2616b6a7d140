using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Mail;

/// <summary>
/// Delivers the outbox: every pending message once, oldest first. One delivery at a time in this process, so a
/// flush and the background worker never send the same message twice.
/// </summary>
public sealed partial class OutboxDelivery(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxDelivery> logger) : IDisposable
{
    /// <summary>After this many failures a message stays pending for the coordination to look at (the jobs issue adds retries with backoff).</summary>
    public const int MaxAttempts = 10;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends every pending message now; returns how many were sent. Tests call this, never wait.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var sender = scope.ServiceProvider.GetRequiredService<IMailSender>();
            // Fewest attempts first: messages that keep failing never hold back the others.
            var pending = await db.Outbox.Where(m => m.SentAt == null && m.Attempts < MaxAttempts)
                .OrderBy(m => m.Attempts).ThenBy(m => m.CreatedAt).Take(100).ToListAsync(ct);
            var sent = 0;
            foreach (var message in pending)
            {
                try
                {
                    await sender.SendAsync(message, ct);
                    message.MarkSent(time.GetUtcNow().UtcDateTime);
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The exception's type only: an SMTP error message often holds the recipient's address.
                    message.MarkFailed(ex.GetType().Name);
                    LogFailed(logger, message.Id, ex.GetType().Name);
                }
                await db.SaveChangesAsync(ct);
            }
            return sent;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} not delivered ({Error}); it stays pending.")]
    private static partial void LogFailed(ILogger logger, Guid id, string error);
}

/// <summary>Wakes the worker when a save that wrote outbox messages has committed.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken ct) => _channel.Reader.WaitToReadAsync(ct);

    public bool TryTake() => _channel.Reader.TryRead(out _);
}

/// <summary>
/// Delivery right after the commit, enforced at one place: a save that adds outbox messages signals the worker once
/// it has committed — at SavedChanges without an explicit transaction, at the commit of one otherwise.
/// </summary>
public sealed class OutboxInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
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
        SignalIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Flush();

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush();
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

    private void SignalIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_pending)
        {
            _pending = false;
            signal.Notify();
        }
    }
}

/// <summary>
/// Delivers the outbox whenever signalled, once at start for what a previous run left pending, and every few minutes
/// while messages wait (an SMTP server that was down).
/// </summary>
public sealed partial class OutboxWorker(OutboxSignal signal, OutboxDelivery delivery, ILogger<OutboxWorker> logger) : BackgroundService
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.Notify();
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                wait.CancelAfter(RetryEvery);
                try
                {
                    await signal.WaitAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The retry delay passed without a signal: deliver what still waits.
                }
            }
            signal.TryTake();
            try
            {
                await delivery.FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox delivery pass failed ({Error}); it is tried again later.")]
    private static partial void LogFailed(ILogger logger, string error);
}
