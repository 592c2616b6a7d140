using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.BackOffice;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;
using PareNetwork.Web.Structures;

namespace PareNetwork.Web.Pages.Admin.Structures;

/// <summary>
/// A structure in the back office: its form (saved against the version it was opened at), its status transitions,
/// the decision on a request to publish its address, its members and its history.
/// </summary>
public class FicheModel(PareDbContext db, GeoReference geo, TimeProvider time, ChangeAuthor author) : PageModel
{
    public const int HistoryLimit = 300;

    [BindProperty]
    public StructureForm Form { get; set; } = new();

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Range(1, 60, ErrorMessage = "Entre 1 et 60 mois.")]
        [Display(Name = "Fréquence de mise à jour (mois)")]
        public int UpdateFrequencyMonths { get; set; } = 6;
    }

    public sealed record MemberRow(string? Email, string? Role, DateTime Since, string Origin);

    public sealed record Link(int Id, string Name);

    public Structure Structure { get; private set; } = null!;

    public List<StructureChange> History { get; private set; } = [];

    public int HistoryCount { get; private set; }

    public List<MemberRow> Members { get; private set; } = [];

    public Link? MergedInto { get; private set; }

    public List<Link> MergedFrom { get; private set; } = [];

    /// <summary>The changes saved by someone else while this person edited, when their save conflicted.</summary>
    public List<StructureChange>? ChangesMeanwhile { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Form = StructureForm.From(Structure, time.GetUtcNow().UtcDateTime);
        Input = new InputModel { UpdateFrequencyMonths = Structure.UpdateFrequencyMonths };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Structure.Status == StructureStatus.Fusionnee)
        {
            Error = "Cette structure a été fusionnée : modifiez la fiche conservée.";
            return Redirect(FicheUrl(id));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var errors = await Form.ApplyToAsync(Structure, db, geo, now, author.AuthorLabel);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"Form.{field}", message);
        }
        if (errors.Count > 0)
        {
            return Page();
        }
        Structure.UpdateFrequencyMonths = Input.UpdateFrequencyMonths;
        var conflict = await StructureSave.SaveAsync(db, Structure, Form.Version, StructureSave.OpenedAt(Form.OpenedAt, now));
        if (conflict is not null)
        {
            // Nothing was written: the person keeps what they typed, sees what changed meanwhile, and may save again on purpose.
            await LoadAsync(id);
            ChangesMeanwhile = [.. conflict.ChangesMeanwhile];
            Form.Version = Structure.Version;
            Form.OpenedAt = now.Ticks;
            ModelState.AddModelError("", "Quelqu'un d'autre a enregistré cette fiche pendant que vous la modifiiez : vos modifications n'ont pas été enregistrées.");
            return Page();
        }
        Message = "Modifications enregistrées.";
        return Redirect(FicheUrl(id));
    }

    public async Task<IActionResult> OnPostStatutAsync(int id, string? cible)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var from = Structure.Status;
        if (!Vocabulary.Statuses.TryParse(cible, out var target) || !Structure.MoveTo(target))
        {
            var allowed = Structure.AllowedTransitions;
            Error = $"Transition impossible : une structure « {FieldLabels.Status(from).ToLowerInvariant()} » "
                + (allowed.Count == 0
                    ? "ne change plus de statut."
                    : $"ne peut passer qu'à : {string.Join(", ", allowed.Select(s => $"« {FieldLabels.Status(s).ToLowerInvariant()} »"))}.")
                + " Rien n'a été modifié.";
            return Redirect(FicheUrl(id));
        }
        await db.SaveChangesAsync();
        Message = $"Statut changé : « {FieldLabels.Status(from).ToLowerInvariant()} » → « {FieldLabels.Status(target).ToLowerInvariant()} ».";
        return Redirect(FicheUrl(id));
    }

    public async Task<IActionResult> OnPostAdresseAsync(int id, string? decision)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Structure.HasPendingPublicAddressRequest)
        {
            Error = "Aucune demande d'adresse publique n'est en attente pour cette structure.";
            return Redirect(FicheUrl(id));
        }
        switch (decision)
        {
            case "approuver":
                Structure.ApprovePublicAddress();
                Message = "Demande approuvée : l'adresse est désormais publique.";
                break;
            case "refuser":
                Structure.RefusePublicAddress();
                Message = "Demande refusée : l'adresse reste confidentielle.";
                break;
            default:
                Error = "Choisissez d'approuver ou de refuser la demande.";
                return Redirect(FicheUrl(id));
        }
        await db.SaveChangesAsync();
        return Redirect(FicheUrl(id));
    }

    private static string FicheUrl(int id) => $"/admin/structures/{id}";

    private async Task<bool> LoadAsync(int id)
    {
        var structure = await db.Structures.Include(s => s.Departements).Include(s => s.Commune).FirstOrDefaultAsync(s => s.Id == id);
        if (structure is null)
        {
            return false;
        }
        Structure = structure;
        var history = db.StructureChanges.AsNoTracking().Where(c => c.StructureId == id);
        HistoryCount = await history.CountAsync();
        History = await history.OrderByDescending(c => c.Id).Take(HistoryLimit).ToListAsync();
        Members = await db.StructureMembers.AsNoTracking().Where(m => m.StructureId == id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new MemberRow(u.Email, m.RoleInStructure, m.Since, m.Origin))
            .ToListAsync();
        if (structure.MergedIntoId is { } target)
        {
            MergedInto = await db.Structures.Where(s => s.Id == target).Select(s => new Link(s.Id, s.Name)).FirstOrDefaultAsync() ?? new Link(target, $"structure #{target}");
        }
        MergedFrom = await db.Structures.Where(s => s.MergedIntoId == id).OrderBy(s => s.Id).Select(s => new Link(s.Id, s.Name)).ToListAsync();
        return true;
    }
}
