using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Newsletter;

namespace PareNetwork.Web.Pages.Newsletter;

/// <summary>
/// The link of the confirmation (or renewal) e-mail. Its GET only shows the « Confirmer mon inscription » button:
/// mail scanners open links, and only the POST subscribes (or renews), once.
/// </summary>
[EnableRateLimiting(PublicForms.RateLimitPolicy)]
public class ConfirmerModel(PareDbContext db, NewsletterSecret secret, TimeProvider time, IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    /// <summary>After the POST: « confirmee » or « renouvelee » (post-redirect-get).</summary>
    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? Done { get; set; }

    public bool Valid { get; private set; }

    public bool IsRenewal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Done is null && await FindAsync(ct) is { } subscriber)
        {
            Valid = true;
            IsRenewal = subscriber.Status == SubscriptionStatus.Confirmee;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Done = null;
        if (await FindAsync(ct) is not { } subscriber)
        {
            return Page();
        }
        var outcome = subscriber.UseLink(secret.HashIp(HttpContext.Connection.RemoteIpAddress), time.GetUtcNow().UtcDateTime);
        if (outcome == NewsletterSubscriber.LinkOutcome.Confirmed)
        {
            NewsletterMails.Welcome(db, time, subscriber, AccountMails.BaseUrl(Request, configuration), secret);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same link pressed twice at once: the other press confirmed.
            return Page();
        }
        return RedirectToPage(new { etat = outcome == NewsletterSubscriber.LinkOutcome.Renewed ? "renouvelee" : "confirmee" });
    }

    private async Task<NewsletterSubscriber?> FindAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Token) || Token.Length > 100)
        {
            return null;
        }
        var hash = NewsletterSubscriber.Hash(Token.Trim());
        var subscriber = await db.NewsletterSubscribers.SingleOrDefaultAsync(s => s.TokenHash == hash, ct);
        return subscriber is not null && subscriber.LinkIsValid(time.GetUtcNow().UtcDateTime) ? subscriber : null;
    }
}
