using System.Linq.Expressions;

namespace PareNetwork.Web.Mail;

/// <summary>
/// An e-mail to send, written in the same transaction as the change that causes it, delivered after the commit.
/// Its id is its Message-Id: a delivery retried after a crash is recognisable as the same message.
/// A delivery claims it first (<see cref="LeaseToken"/>, <see cref="LeaseUntil"/>), so that two deliveries racing never
/// both send it; a failure schedules the next attempt with an exponential backoff; after <see cref="MaxAttempts"/>
/// failures it is « en échec » until the coordination asks for a new try.
/// </summary>
public class OutboxMessage
{
    public const int MaxAttempts = 10;

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(4);

    public Guid Id { get; private set; } = Guid.NewGuid();

    public required string To { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? SentAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>The last failure: the exception's type only, never its message (which may hold an address).</summary>
    public string? LastError { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    /// <summary>When the next attempt is due after a failure; null: due as soon as written.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>When the message was given up on (« en échec »): no delivery tries it until <see cref="Retry"/>.</summary>
    public DateTime? FailedAt { get; private set; }

    /// <summary>The delivery that holds the message, and until when; a crashed delivery's claim lapses at <see cref="LeaseUntil"/>.</summary>
    public Guid? LeaseToken { get; private set; }

    public DateTime? LeaseUntil { get; private set; }

    public string MessageId => $"{Id:N}@pare-network";

    public bool IsFailed => SentAt is null && FailedAt is not null;

    /// <summary>Unsent, not given up on, its next attempt due and no live claim on it.</summary>
    public static Expression<Func<OutboxMessage, bool>> DueAt(DateTime now) => m =>
        m.SentAt == null && m.FailedAt == null
        && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
        && (m.LeaseUntil == null || m.LeaseUntil <= now);

    /// <summary>The wait after the n-th failure: 1, 2, 4, 8 … minutes, at most <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan RetryDelay(int failures)
    {
        var minutes = FirstRetryDelay.TotalMinutes * Math.Pow(2, Math.Max(0, failures - 1));
        return minutes >= MaxRetryDelay.TotalMinutes ? MaxRetryDelay : TimeSpan.FromMinutes(minutes);
    }

    public void MarkSent(DateTime at)
    {
        SentAt ??= at;
        Attempts++;
        LastAttemptAt = at;
        LastError = null;
        NextAttemptAt = null;
        Release();
    }

    public void MarkFailed(string error, DateTime at)
    {
        Attempts++;
        LastAttemptAt = at;
        LastError = error.Length > 500 ? error[..500] : error;
        Release();
        if (Attempts >= MaxAttempts)
        {
            FailedAt = at;
            NextAttemptAt = null;
        }
        else
        {
            NextAttemptAt = at + RetryDelay(Attempts);
        }
    }

    /// <summary>Gives up a claim without counting an attempt (the delivery was stopped before it could tell).</summary>
    public void Release()
    {
        LeaseToken = null;
        LeaseUntil = null;
    }

    /// <summary>The coordination's « Réessayer »: due now, with a fresh backoff. False for a message sent or being sent.</summary>
    public bool Retry(DateTime now)
    {
        // A message whose recipient the retention has removed has no one left to be sent to.
        if (SentAt is not null || LeaseUntil > now || To.Length == 0)
        {
            return false;
        }
        FailedAt = null;
        Attempts = 0;
        NextAttemptAt = now;
        return true;
    }

    /// <summary>Extra header lines, « Name: value » one per line (List-Unsubscribe…); null for most messages.</summary>
    public string? Headers { get; init; }
}
