using PareNetwork.Web.Data;

namespace PareNetwork.Web.Mail;

public static class OutboxMails
{
    /// <summary>Adds a plain-text e-mail to the outbox of this unit of work: it leaves only if the save commits.</summary>
    public static void QueueMail(this PareDbContext db, TimeProvider time, string to, string subject, string body) => db.Outbox.Add(new OutboxMessage
    {
        To = to,
        Subject = subject,
        TextBody = body,
        CreatedAt = time.GetUtcNow().UtcDateTime,
    });
}
