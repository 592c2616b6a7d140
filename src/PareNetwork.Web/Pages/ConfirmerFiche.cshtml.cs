using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Freshness;
using PareNetwork.Web.History;

namespace PareNetwork.Web.Pages;

/// <summary>
/// The « Tout est exact » link of a freshness reminder, no sign-in needed. Its GET only shows the structure and a
/// button (mail scanners open links); the POST confirms the record once, recorded in the history through the
/// campaign channel, under the member's pseudonym (or « contact de la structure » for its public address).
/// </summary>
[EnableRateLimiting(PublicForms.RateLimitPolicy)]
public class ConfirmerFicheModel(PareDbContext db, ChangeAuthor author, TimeProvider time) : PageModel
{
    public const string ContactLabel = "contact de la structure (courriel de rappel)";

    public enum State
    {
        /// <summary>Unknown or altered token, or a structure or member that no longer fits it.</summary>
        Invalid,

        Expired,

        Used,

        /// <summary>Someone confirmed the record after this link was sent: nothing to do.</summary>
        AlreadyConfirmed,

        Ready,

        Confirmed,
    }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    /// <summary>Set by the POST for the page it redirects to.</summary>
    [TempData]
    public bool JustConfirmed { get; set; }

    public State Situation { get; private set; }

    public Structure? Structure { get; private set; }

    /// <summary>Where signing in leads: the structure in the member space when the link was a member's.</summary>
    public string SignInUrl => "/connexion?retour=" + Uri.EscapeDataString(_link?.UserId is not null && Structure is not null ? $"/espace/structures/{Structure.Id}" : "/espace");

    private FreshnessLink? _link;

    public async Task OnGetAsync()
    {
        await LoadAsync(time.GetUtcNow().UtcDateTime);
        if (JustConfirmed && Situation == State.Used)
        {
            Situation = State.Confirmed;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        await LoadAsync(now);
        if (Situation != State.Ready || _link is null || Structure is null)
        {
            return Page();
        }
        if (Honeypot.IsTripped(Request))
        {
            Situation = State.Confirmed;
            return Page();
        }
        var label = _link.UserId is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.Pseudonym).SingleAsync()
            : ContactLabel;
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Single use even when two requests race: only one can mark it used in the database.
        var claimed = await db.FreshnessLinks.Where(l => l.Id == _link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAt, now));
        if (claimed != 1)
        {
            Situation = State.Used;
            return Page();
        }
        using (author.Use(ChangeChannel.Campagne, _link.UserId, label))
        {
            Structure.Confirm(now, label);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                // The record was saved by someone else since this page was read: the link stays unused (rolled back).
                ModelState.AddModelError(string.Empty, "La fiche vient d'être modifiée par quelqu'un d'autre : rechargez la page, puis confirmez à nouveau.");
                return Page();
            }
        }
        await transaction.CommitAsync();
        JustConfirmed = true;
        return Redirect("/confirmer-fiche?jeton=" + Uri.EscapeDataString(Token!.Trim()));
    }

    private async Task LoadAsync(DateTime now)
    {
        Situation = State.Invalid;
        if (string.IsNullOrWhiteSpace(Token) || Token.Length > 100)
        {
            return;
        }
        var hash = FreshnessLink.Hash(Token.Trim());
        var link = await db.FreshnessLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash);
        if (link is null)
        {
            return;
        }
        var structure = await db.Structures.SingleOrDefaultAsync(s => s.Id == link.StructureId && s.Status == StructureStatus.Publiee);
        if (structure is null)
        {
            return;
        }
        if (link.UserId is { } userId && !await db.StructureMembers.AnyAsync(m => m.StructureId == structure.Id && m.UserId == userId
                && db.Users.Any(u => u.Id == userId && u.DeactivatedAt == null)))
        {
            return;
        }
        (_link, Structure) = (link, structure);
        Situation = link.UsedAt is not null ? State.Used
            : link.IsExpired(now) ? State.Expired
            : structure.ConfirmedAt >= link.CreatedAt ? State.AlreadyConfirmed
            : State.Ready;
    }
}
