using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.ContactRequests;
using PareNetwork.Web.Data;
using PareNetwork.Web.History;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>
/// The coordination checks each contact request, then forwards it to the structure's private contact (its public
/// e-mail when it has none) or refuses it with a reason; the requester is told which, never the structure's contact.
/// </summary>
public class MisesEnRelationModel(PareDbContext db, IChangeContext author, TimeProvider time) : PageModel
{
    public const int DecidedShown = 50;

    public sealed record Row(ContactRequest Request, string StructureName, string? ForwardTo, bool ForwardToIsPrivate);

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

    public int? RefusalFailedFor { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostTransmettreAsync(int demande)
    {
        ModelState.Clear();
        var request = await db.ContactRequests.FindAsync(demande);
        if (request is null)
        {
            return NotFound();
        }
        if (!request.IsPending)
        {
            Notice = "Cette demande avait déjà été traitée : rien n'a changé.";
            return RedirectToPage();
        }
        var structure = await db.Structures.AsNoTracking().Where(s => s.Id == request.StructureId)
            .Select(s => new { s.Name, s.PrivateEmail, s.Email }).SingleAsync();
        var to = ForwardAddress(structure.PrivateEmail, structure.Email);
        if (to is null)
        {
            Notice = $"« {structure.Name} » n'a aucune adresse électronique : ajoutez son contact privé sur sa fiche, ou joignez-la par téléphone, puis transmettez.";
            return RedirectToPage();
        }
        request.Forward(time.GetUtcNow().UtcDateTime, author.AuthorLabel);
        ContactRequestMails.ForwardedToStructure(db, time, to, request, structure.Name);
        ContactRequestMails.Forwarded(db, time, request, structure.Name);
        Notice = await db.SaveUnlessDecidedMeanwhileAsync()
            ? $"Demande transmise à « {structure.Name} » ; le demandeur en est informé, sans les coordonnées de la structure."
            : "Cette demande avait déjà été traitée : rien n'a changé.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRefuserAsync(int demande)
    {
        var request = await db.ContactRequests.FindAsync(demande);
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
        var name = await db.Structures.Where(s => s.Id == request.StructureId).Select(s => s.Name).SingleAsync();
        ContactRequestMails.Refused(db, time, request, name, reason);
        Notice = await db.SaveUnlessDecidedMeanwhileAsync()
            ? "Demande refusée ; le demandeur en est informé par courriel."
            : "Cette demande avait déjà été traitée : rien n'a changé.";
        return RedirectToPage();
    }

    private static string? ForwardAddress(string? privateEmail, string? publicEmail) =>
        !string.IsNullOrWhiteSpace(privateEmail) ? privateEmail.Trim() : !string.IsNullOrWhiteSpace(publicEmail) ? publicEmail.Trim() : null;

    private async Task LoadAsync()
    {
        var rows = from r in db.ContactRequests.AsNoTracking()
                   join s in db.Structures on r.StructureId equals s.Id
                   select new { Request = r, s.Name, s.PrivateEmail, s.Email };
        Row ToRow(ContactRequest r, string name, string? privateEmail, string? email) =>
            new(r, name, ForwardAddress(privateEmail, email), !string.IsNullOrWhiteSpace(privateEmail));
        Pending = [.. (await rows.Where(x => x.Request.Status == ContactRequestStatus.EnAttente).ToListAsync())
            .OrderBy(x => x.Request.CreatedAt).Select(x => ToRow(x.Request, x.Name, x.PrivateEmail, x.Email))];
        Decided = [.. (await rows.Where(x => x.Request.Status != ContactRequestStatus.EnAttente)
            .OrderByDescending(x => x.Request.DecidedAt).Take(DecidedShown).ToListAsync())
            .Select(x => ToRow(x.Request, x.Name, x.PrivateEmail, x.Email))];
    }
}
