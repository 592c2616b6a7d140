using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;
using PareNetwork.Web.Structures;

namespace PareNetwork.Web.Pages.Espace;

/// <summary>
/// A member edits a structure they manage: every field of <see cref="StructureForm"/> (never the status), saved
/// against the version they started from; « Ces informations sont toujours exactes » sets the confirmation only.
/// Another structure answers 403, whatever the method.
/// </summary>
public class StructureModel(PareDbContext db, GeoReference geo, IChangeContext author, TimeProvider time) : PageModel
{
    public const string PublicAddressRequested = "Demande transmise à la coordination : l'adresse reste confidentielle tant que la coordination n'a pas validé sa publication.";

    [BindProperty]
    public StructureForm Form { get; set; } = new();

    public Structure Structure { get; private set; } = null!;

    /// <summary>What others saved while this person was editing (a conflict); their input is kept in the form.</summary>
    public IReadOnlyList<string>? ChangesMeanwhile { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public Freshness.FreshnessState Freshness => Structure.FreshnessAt(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync([FromRoute] int id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        Form = StructureForm.From(Structure, time.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var requestedBefore = Structure.HasPendingPublicAddressRequest;
        var errors = await Form.ApplyToAsync(Structure, db, geo, now, author.AuthorLabel);
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{field}", message);
            }
            return Page();
        }
        var requestedNow = !requestedBefore && Structure.HasPendingPublicAddressRequest;
        var openedAt = StructureSave.OpenedAt(Form.OpenedAt, now);
        if (await StructureSave.SaveAsync(db, Structure, Form.Version, openedAt) is { } conflict)
        {
            ChangesMeanwhile = [.. conflict.ChangesMeanwhile.Select(StructureSave.Describe)];
            // The next save, made knowingly, starts from what is there now; the person's input stays in the form.
            var current = await db.Structures.AsNoTracking().Include(s => s.Departements).SingleAsync(s => s.Id == id);
            Structure = current;
            Form.Version = current.Version;
            Form.OpenedAt = now.Ticks;
            return Page();
        }
        Notice = requestedNow ? "Modifications enregistrées. " + PublicAddressRequested : "Modifications enregistrées.";
        return RedirectToPage(new { id });
    }

    /// <summary>« Ces informations sont toujours exactes »: the confirmation date and who confirmed, nothing else.</summary>
    public async Task<IActionResult> OnPostConfirmerAsync([FromRoute] int id)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        Structure.Confirm(time.GetUtcNow().UtcDateTime, author.AuthorLabel);
        await db.SaveChangesAsync();
        Notice = "Merci : les informations de la fiche sont confirmées à la date d'aujourd'hui.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        if (!await StructureAccess.CanEditAsync(db, User, id))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var structure = await db.Structures.Include(s => s.Departements).SingleOrDefaultAsync(s => s.Id == id);
        if (structure is null || structure.Status == StructureStatus.Fusionnee)
        {
            return NotFound();
        }
        Structure = structure;
        return null;
    }
}
