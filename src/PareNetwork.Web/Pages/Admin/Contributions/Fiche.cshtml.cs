using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Contributions.Uploads;
using PareNetwork.Web.Data;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;

namespace PareNetwork.Web.Pages.Admin.Contributions;

/// <summary>
/// One contribution in the moderation (/admin/contributions/{id}): the coordination edits it, then publishes it,
/// refuses it with a reason (e-mailed to the submitter) or marks it as a duplicate of a published item.
/// </summary>
public class FicheModel(PareDbContext db, StructureCatalog catalog, GeoReference geo, UploadStore store, IChangeContext author, TimeProvider time) : PageModel
{
    public const int MaxReasonLength = 1000;

    [BindProperty]
    public ContributionForm Input { get; set; } = new();

    public Contribution Contribution { get; private set; } = null!;

    public string? StructureName { get; private set; }

    public string? DuplicateOfTitle { get; private set; }

    /// <summary>Published items of the same kind, for « doublon de ».</summary>
    public IReadOnlyList<(int Id, string Title)> Published { get; private set; } = [];

    public string? Reason { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = ContributionForm.From(Contribution);
        return Page();
    }

    public Task<IActionResult> OnPostEnregistrerAsync(int id) => SaveAsync(id, publish: false);

    public Task<IActionResult> OnPostPublierAsync(int id) => SaveAsync(id, publish: true);

    private async Task<IActionResult> SaveAsync(int id, bool publish)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        foreach (var (member, message) in Input.ReferenceErrors(await catalog.GetAsync(), geo))
        {
            ModelState.AddModelError($"{nameof(Input)}.{member}", message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (publish && !Contribution.IsPending)
        {
            return AlreadyDecided(id);
        }
        Input.ApplyTo(Contribution);
        if (publish)
        {
            Contribution.Publish(Now, author.AuthorLabel);
            ContributionMails.Published(db, time, Contribution);
        }
        if (!await db.SaveUnlessDecidedMeanwhileAsync())
        {
            return AlreadyDecided(id);
        }
        Notice = publish ? "Contribution publiée ; le contributeur en est informé par courriel." : "Modifications enregistrées.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRefuserAsync(int id, string? raison)
    {
        ModelState.Clear();
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = ContributionForm.From(Contribution);
        if (!Contribution.IsPending)
        {
            return AlreadyDecided(id);
        }
        Reason = raison?.Trim();
        if (string.IsNullOrEmpty(Reason) || Reason.Length > MaxReasonLength)
        {
            ModelState.AddModelError("raison", string.IsNullOrEmpty(Reason)
                ? "Indiquez la raison du refus : elle est envoyée au contributeur."
                : "1 000 caractères au plus.");
            return Page();
        }
        Contribution.Refuse(Now, author.AuthorLabel, Reason);
        ContributionMails.Refused(db, time, Contribution, Reason);
        if (!await db.SaveUnlessDecidedMeanwhileAsync())
        {
            return AlreadyDecided(id);
        }
        Notice = "Contribution refusée ; le contributeur reçoit la raison par courriel.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDoublonAsync(int id, int? doublonDe)
    {
        ModelState.Clear();
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = ContributionForm.From(Contribution);
        if (!Contribution.IsPending)
        {
            return AlreadyDecided(id);
        }
        var original = doublonDe is { } originalId && originalId != id
            ? await db.Contributions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == originalId && c.Status == ContributionStatus.Publiee)
            : null;
        if (original is null)
        {
            ModelState.AddModelError("doublonDe", "Choisissez l'élément publié dont celle-ci est le doublon.");
            return Page();
        }
        Contribution.MarkDuplicateOf(original.Id, Now, author.AuthorLabel);
        ContributionMails.Duplicate(db, time, Contribution, original.Title);
        if (!await db.SaveUnlessDecidedMeanwhileAsync())
        {
            return AlreadyDecided(id);
        }
        Notice = $"Contribution marquée comme doublon de « {original.Title} ».";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRetirerFichierAsync(int id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var stored = Contribution.FileName;
        Contribution.RemoveFile();
        await db.SaveChangesAsync();
        store.Delete(stored);
        Notice = stored is null ? "Cette contribution n'a pas de fichier." : "Fichier supprimé.";
        return RedirectToPage(new { id });
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private RedirectToPageResult AlreadyDecided(int id)
    {
        Notice = "Cette contribution avait déjà été modérée : la décision n'a pas changé.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await db.Contributions.FindAsync(id) is not { } contribution)
        {
            return false;
        }
        Contribution = contribution;
        StructureName = contribution.StructureId is { } sid
            ? await db.Structures.Where(s => s.Id == sid).Select(s => s.Name).SingleOrDefaultAsync()
            : null;
        DuplicateOfTitle = contribution.DuplicateOfId is { } did
            ? await db.Contributions.Where(c => c.Id == did).Select(c => c.Title).SingleOrDefaultAsync()
            : null;
        Published = [.. (await ContributionMails.PublishedTitlesAsync(db, contribution.Kind)).Where(p => p.Id != id)];
        return true;
    }
}
