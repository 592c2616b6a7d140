using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>The coordination invites a contact by e-mail to manage a structure: a single-use link valid 7 days.</summary>
public class InvitationsModel(PareDbContext db, IChangeContext author, TimeProvider time, IConfiguration configuration) : PageModel
{
    public const int Shown = 50;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez l'adresse électronique de la personne invitée.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
        [StringLength(254, ErrorMessage = "Adresse trop longue.")]
        [Display(Name = "Adresse électronique de la personne invitée")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Indiquez la structure : son numéro ou une partie de son nom.")]
        [StringLength(300, ErrorMessage = "300 caractères au plus.")]
        [Display(Name = "Structure (numéro ou nom)")]
        public string Structure { get; set; } = "";
    }

    public sealed record Candidate(int Id, string Name, StructureStatus Status);

    public sealed record Row(Invitation Invitation, string StructureName);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Structures matching a name that was not precise enough: the person picks one.</summary>
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public IReadOnlyList<Row> Recent { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public DateTime Now { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var structure = await ResolveAsync(Input.Structure.Trim());
        if (structure is null)
        {
            if (Candidates.Count == 0)
            {
                ModelState.AddModelError("Input.Structure", "Aucune structure ne correspond : indiquez son numéro ou une partie de son nom.");
            }
            await LoadAsync();
            return Page();
        }
        var email = Input.Email.Trim();
        var now = time.GetUtcNow().UtcDateTime;
        var (invitation, token) = Invitation.Create(email, structure.Id, author.AuthorLabel, now);
        db.Invitations.Add(invitation);
        var link = QueryHelpers.AddQueryString($"{AccountMails.BaseUrl(Request, configuration)}/invitation", "jeton", token);
        MembershipMails.Invited(db, time, email, structure.Name, link, invitation.ExpiresAt);
        await db.SaveChangesAsync();
        Notice = $"Invitation envoyée à {email} pour « {structure.Name} » (valable jusqu'au {Shared.Display.DateAndTime(invitation.ExpiresAt)}).";
        return RedirectToPage();
    }

    /// <summary>A number is an id; a text matches names and acronyms (accents and case ignored); one match is taken.</summary>
    private async Task<Candidate?> ResolveAsync(string text)
    {
        var structures = db.Structures.AsNoTracking().Where(s => s.Status != StructureStatus.Fusionnee);
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return await structures.Where(s => s.Id == id).Select(s => new Candidate(s.Id, s.Name, s.Status)).SingleOrDefaultAsync();
        }
        var key = GeoReference.Normalize(text);
        var all = await structures.Select(s => new { s.Id, s.Name, s.Acronym, s.Status }).ToListAsync();
        var matches = all.Where(s => GeoReference.Normalize(s.Name).Contains(key, StringComparison.Ordinal)
                || (s.Acronym is not null && GeoReference.Normalize(s.Acronym) == key))
            .Select(s => new Candidate(s.Id, s.Name, s.Status)).OrderBy(s => s.Name, StringComparer.Create(Shared.Display.French, ignoreCase: true)).ToList();
        var exact = matches.Where(m => GeoReference.Normalize(m.Name) == key).ToList();
        if (matches.Count == 1 || exact.Count == 1)
        {
            return exact.Count == 1 ? exact[0] : matches[0];
        }
        Candidates = [.. matches.Take(20)];
        if (matches.Count > 1)
        {
            ModelState.AddModelError("Input.Structure", $"{matches.Count} structures correspondent : choisissez-en une ci-dessous.");
        }
        return null;
    }

    private async Task LoadAsync()
    {
        Now = time.GetUtcNow().UtcDateTime;
        var rows = await (from i in db.Invitations.AsNoTracking()
                          join s in db.Structures on i.StructureId equals s.Id
                          orderby i.Id descending
                          select new { Invitation = i, s.Name }).Take(Shown).ToListAsync();
        Recent = [.. rows.Select(r => new Row(r.Invitation, r.Name))];
    }
}
