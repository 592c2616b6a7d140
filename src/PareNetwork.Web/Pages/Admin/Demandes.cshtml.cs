using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.History;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>The coordination decides on the link requests: accept (member link, role Membre, e-mail) or refuse with a reason.</summary>
public class DemandesModel(PareDbContext db, UserManager<PareUser> users, IChangeContext author, TimeProvider time, IConfiguration configuration) : PageModel
{
    public const int DecidedShown = 50;

    public sealed record Row(LinkRequest Request, string? UserEmail, string StructureName);

    public sealed class RefusalModel
    {
        [Required(ErrorMessage = "Indiquez la raison du refus : elle est envoyée au demandeur.")]
        [StringLength(1000, ErrorMessage = "1 000 caractères au plus.")]
        [Display(Name = "Raison du refus")]
        public string Reason { get; set; } = "";
    }

    [BindProperty]
    public RefusalModel Refusal { get; set; } = new();

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public IReadOnlyList<Row> Decided { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The request whose refusal form failed validation, to show its error next to it.</summary>
    public int? RefusalFailedFor { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAccepterAsync(int demande)
    {
        ModelState.Clear();
        var request = await db.LinkRequests.FindAsync(demande);
        if (request is null)
        {
            return NotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = time.GetUtcNow().UtcDateTime;
        if (request.Accept(now, author.AuthorLabel) is not { } member || !await db.SaveUnlessDecidedMeanwhileAsync())
        {
            Notice = "Cette demande avait déjà été traitée : rien n'a changé.";
            return RedirectToPage();
        }
        var user = await users.FindByIdAsync(request.UserId);
        var structureName = await StructureNameAsync(request.StructureId);
        if (user is not null)
        {
            await MemberLinks.AddAsync(db, users, user, member);
            if (user.Email is { } email)
            {
                MembershipMails.RequestAccepted(db, time, email, structureName, AccountMails.BaseUrl(Request, configuration) + "/espace");
            }
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Notice = $"Demande acceptée : le demandeur gère désormais « {structureName} ».";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRefuserAsync(int demande)
    {
        var request = await db.LinkRequests.FindAsync(demande);
        if (request is null)
        {
            return NotFound();
        }
        if (!request.IsPending)
        {
            Notice = "Cette demande avait déjà été traitée : rien n'a changé.";
            return RedirectToPage();
        }
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Refusal.Reason))
        {
            RefusalFailedFor = demande;
            await LoadAsync();
            return Page();
        }
        var reason = Refusal.Reason.Trim();
        request.Refuse(time.GetUtcNow().UtcDateTime, author.AuthorLabel, reason);
        var structureName = await StructureNameAsync(request.StructureId);
        if (await users.FindByIdAsync(request.UserId) is { Email: { } email })
        {
            MembershipMails.RequestRefused(db, time, email, structureName, reason);
        }
        Notice = await db.SaveUnlessDecidedMeanwhileAsync()
            ? "Demande refusée ; le demandeur en est informé par courriel."
            : "Cette demande avait déjà été traitée : rien n'a changé.";
        return RedirectToPage();
    }

    private Task<string> StructureNameAsync(int id) =>
        db.Structures.Where(s => s.Id == id).Select(s => s.Name).SingleAsync();

    private async Task LoadAsync()
    {
        var rows = from r in db.LinkRequests.AsNoTracking()
                   join s in db.Structures on r.StructureId equals s.Id
                   join u in db.Users on r.UserId equals u.Id into us
                   from u in us.DefaultIfEmpty()
                   select new { Request = r, UserEmail = u == null ? null : u.Email, StructureName = s.Name };
        Pending = [.. (await rows.Where(x => x.Request.Status == LinkRequestStatus.EnAttente).ToListAsync())
            .OrderBy(x => x.Request.CreatedAt).Select(x => new Row(x.Request, x.UserEmail, x.StructureName))];
        Decided = [.. (await rows.Where(x => x.Request.Status != LinkRequestStatus.EnAttente)
            .OrderByDescending(x => x.Request.DecidedAt).Take(DecidedShown).ToListAsync())
            .Select(x => new Row(x.Request, x.UserEmail, x.StructureName))];
    }
}
