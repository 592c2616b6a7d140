using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Exports;
using PareNetwork.Web.History;
using PareNetwork.Web.Newsletter;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>
/// « Newsletter » (/admin/newsletter, coordination only): how many addresses are pending, confirmed, unsubscribed, and
/// the confirmed subscribers as a CSV. The export is a POST (antiforgery): a link from another site cannot make a
/// coordinator download, and log, a list of people.
/// </summary>
public class NewsletterModel(PareDbContext db, ChangeAuthor author, TimeProvider time) : PageModel
{
    public const int RecentLogs = 20;

    public int Pending { get; private set; }

    public int Confirmed { get; private set; }

    public int RenewalAsked { get; private set; }

    public int Unsubscribed { get; private set; }

    public IReadOnlyList<ExportLog> Logs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var counts = await db.NewsletterSubscribers.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Pending = counts.GetValueOrDefault(SubscriptionStatus.EnAttente);
        Confirmed = counts.GetValueOrDefault(SubscriptionStatus.Confirmee);
        Unsubscribed = counts.GetValueOrDefault(SubscriptionStatus.Desinscrite);
        RenewalAsked = await db.NewsletterSubscribers.CountAsync(s => s.Status == SubscriptionStatus.Confirmee && s.RenewalRequestedAt != null, ct);
        Logs = await db.ExportLogs.AsNoTracking().Where(l => l.Filter == NewsletterExport.LogFilter).OrderByDescending(l => l.Id).Take(RecentLogs).ToListAsync(ct);
    }

    /// <summary>The file itself, never stored by a browser or a proxy.</summary>
    public async Task<IActionResult> OnPostCsvAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var result = await NewsletterExport.WriteAsync(db, author.AuthorId, author.AuthorLabel, now, ct);
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        return File(result.Content, "text/csv; charset=utf-8", NewsletterExport.FileName(now));
    }
}
