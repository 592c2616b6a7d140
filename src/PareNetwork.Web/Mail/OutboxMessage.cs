namespace PareNetwork.Web.Mail;

/// <summary>
/// An e-mail to send, written in the same transaction as the change that causes it, delivered after the commit.
/// Its id is its Message-Id: a delivery retried after a crash is recognisable as the same message.
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; private set; } = Guid.NewGuid();

    public required string To { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? SentAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>The last failure: the exception's type only, never its message (which may hold an address).</summary>
    public string? LastError { get; private set; }

    public string MessageId => $"{Id:N}@pare-network";

    public void MarkSent(DateTime at)
    {
        SentAt ??= at;
        Attempts++;
        LastError = null;
    }

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
    }

    /// <summary>Extra header lines, « Name: value » one per line (List-Unsubscribe…); null for most messages.</summary>
    public string? Headers { get; init; }
}
