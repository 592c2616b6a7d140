using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>
/// The outbox as the coordination follows it: messages en échec, waiting, recently sent — recipient, subject and
/// attempts, never a body (they carry single-use links) — and « Réessayer » for one or all.
/// </summary>
public sealed class CourrielsModel(PareDbContext db, TimeProvider time, IBackgroundJobClient jobs, ILogger<CourrielsModel> logger) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<Row> Failed { get; private set; } = [];

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public IReadOnlyList<Row> Sent { get; private set; } = [];

    public int FailedCount { get; private set; }

    public int PendingCount { get; private set; }

    public DateTime Now { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>A message as listed: everything but its body, which is never read here.</summary>
    public sealed record Row(Guid Id, string To, string Subject, DateTime CreatedAt, int Attempts, string? LastError,
        DateTime? LastAttemptAt, DateTime? NextAttemptAt, DateTime? FailedAt, DateTime? SentAt, DateTime? LeaseUntil);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow().UtcDateTime;
        var unsent = db.Outbox.AsNoTracking().Where(m => m.SentAt == null);
        FailedCount = await unsent.CountAsync(m => m.FailedAt != null, ct);
        PendingCount = await unsent.CountAsync(m => m.FailedAt == null, ct);
        Failed = await Rows(unsent.Where(m => m.FailedAt != null).OrderByDescending(m => m.FailedAt)).ToListAsync(ct);
        Pending = await Rows(unsent.Where(m => m.FailedAt == null).OrderBy(m => m.CreatedAt)).ToListAsync(ct);
        Sent = await Rows(db.Outbox.AsNoTracking().Where(m => m.SentAt != null).OrderByDescending(m => m.SentAt)).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostReessayerAsync(Guid id, CancellationToken ct)
    {
        var message = await db.Outbox.FindAsync([id], ct);
        if (message is null)
        {
            return NotFound();
        }
        if (message.SentAt is not null)
        {
            Message = "Ce courriel est déjà parti : rien n'a changé.";
        }
        else if (message.Retry(time.GetUtcNow().UtcDateTime) && await SavedAsync(ct))
        {
            Message = "Nouvel essai demandé : le courriel part dans quelques instants.";
            OutboxDeliveryJob.TryEnqueue(jobs, logger);
        }
        else
        {
            Message = "Ce courriel est en cours d'envoi : rien n'a changé.";
        }
        return RedirectToPage();
    }

    /// <summary>Every message en échec or waiting after a failure, each with a fresh backoff.</summary>
    public async Task<IActionResult> OnPostToutReessayerAsync(CancellationToken ct)
    {
        var ids = await db.Outbox.Where(m => m.SentAt == null && (m.FailedAt != null || m.Attempts > 0)).Select(m => m.Id).ToListAsync(ct);
        var retried = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            if (await db.Outbox.FindAsync([id], ct) is { } message && message.Retry(time.GetUtcNow().UtcDateTime) && await SavedAsync(ct))
            {
                retried++;
            }
        }
        Message = retried == 0 ? "Aucun courriel à réessayer."
            : $"Nouvel essai demandé pour {Display.Count(retried, "courriel", "courriels", feminine: false)}.";
        if (retried > 0)
        {
            OutboxDeliveryJob.TryEnqueue(jobs, logger);
        }
        return RedirectToPage();
    }

    public static string State(Row row, DateTime now) =>
        row.LeaseUntil > now ? "en cours d'envoi"
        : row.NextAttemptAt is { } next && next > now ? $"nouvel essai le {Display.DateAndTime(next)}"
        : "part dans la minute";

    /// <summary>False when a delivery claimed the message meanwhile (its claim is the concurrency token): nothing is written.</summary>
    private async Task<bool> SavedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private static IQueryable<Row> Rows(IQueryable<OutboxMessage> messages) => messages.Take(Shown).Select(m => new Row(
        m.Id, m.To, m.Subject, m.CreatedAt, m.Attempts, m.LastError, m.LastAttemptAt, m.NextAttemptAt, m.FailedAt, m.SentAt, m.LeaseUntil));
}
