using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Newsletter;

namespace PareNetwork.Web.Pages.Newsletter;

/// <summary>
/// The unsubscribe link of every e-mail to a subscriber, without signing in: its token is signed by the server. The GET
/// shows a button and changes nothing (mail scanners open links); the POST unsubscribes. Mail clients' one-click
/// unsubscribe uses <see cref="OneClickUnsubscribe"/>.
/// </summary>
[EnableRateLimiting(PublicForms.RateLimitPolicy)]
public class DesabonnementModel(PareDbContext db, NewsletterSecret secret, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? Done { get; set; }

    public bool Valid { get; private set; }

    public void OnGet()
    {
        Valid = Done is null && secret.ReadUnsubscribeToken(Token) is not null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Done = null;
        if (secret.ReadUnsubscribeToken(Token) is not { } id)
        {
            return Page();
        }
        if (await db.NewsletterSubscribers.SingleOrDefaultAsync(s => s.Id == id, ct) is { } subscriber)
        {
            subscriber.Unsubscribe(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage(new { etat = "fait" });
    }
}
