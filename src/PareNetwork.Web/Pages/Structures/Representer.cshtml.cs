using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Data;
using PareNetwork.Web.Membership;
using PareNetwork.Web.Structures;

namespace PareNetwork.Web.Pages.Structures;

/// <summary>
/// « Je représente cette structure »: a signed-in person asks to manage a published structure; the coordination
/// decides. A page of its own, because the structure's page is output-cached and a form carries an antiforgery token.
/// </summary>
[Authorize]
public class RepresenterModel(PareDbContext db, StructureCatalog catalog, UserManager<PareUser> users, TimeProvider time) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez votre rôle dans la structure.")]
        [StringLength(200, ErrorMessage = "200 caractères au plus.")]
        [Display(Name = "Votre rôle dans la structure")]
        public string RoleInStructure { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre adresse électronique professionnelle.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
        [StringLength(254, ErrorMessage = "Adresse trop longue.")]
        [Display(Name = "Adresse électronique professionnelle")]
        public string ProfessionalEmail { get; set; } = "";

        [StringLength(2000, ErrorMessage = "2 000 caractères au plus.")]
        [Display(Name = "Un mot pour la coordination (facultatif)")]
        public string? Message { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PublicStructure Structure { get; private set; } = null!;

    /// <summary>Why no form is shown: already a member, or a request already pending; null when the form is shown.</summary>
    public string? Blocked { get; private set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] int id, bool envoye = false)
    {
        if (await LoadAsync(id) is { } notFound)
        {
            return notFound;
        }
        Sent = envoye;
        if (!Sent)
        {
            Blocked = await BlockedAsync(id);
            Input.ProfessionalEmail = User.Identity?.Name ?? "";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int id)
    {
        if (await LoadAsync(id) is { } notFound)
        {
            return notFound;
        }
        Blocked = await BlockedAsync(id);
        if (Blocked is not null)
        {
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user?.Email is null)
        {
            return Challenge();
        }
        var now = time.GetUtcNow().UtcDateTime;
        db.LinkRequests.Add(new LinkRequest
        {
            UserId = user.Id,
            StructureId = id,
            RoleInStructure = Input.RoleInStructure.Trim(),
            ProfessionalEmail = Input.ProfessionalEmail.Trim(),
            Message = string.IsNullOrWhiteSpace(Input.Message) ? null : Input.Message.Trim(),
            CreatedAt = now,
        });
        MembershipMails.RequestReceived(db, time, user.Email, Structure.Name);
        await db.SaveChangesAsync();
        return RedirectToPage(new { id, envoye = true });
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var snapshot = await catalog.GetAsync();
        if (!snapshot.ById.TryGetValue(id, out var structure))
        {
            return NotFound();
        }
        Structure = structure;
        return null;
    }

    private async Task<string?> BlockedAsync(int id)
    {
        var userId = StructureAccess.UserId(User);
        if (User.IsInRole(Accounts.Roles.Dgcs))
        {
            // A reviewer's account reads; it does not become an editor of what it reviews.
            return "Un compte de la DGCS est en lecture seule : il ne peut pas demander à gérer une structure.";
        }
        if (await db.StructureMembers.AnyAsync(m => m.StructureId == id && m.UserId == userId))
        {
            return "Vous gérez déjà cette structure : retrouvez-la dans votre espace.";
        }
        if (await db.LinkRequests.AnyAsync(r => r.StructureId == id && r.UserId == userId && r.Status == LinkRequestStatus.EnAttente))
        {
            return "Vous avez déjà une demande en attente pour cette structure : la coordination va l'examiner, vous recevrez un message.";
        }
        return null;
    }
}
