using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.ContactRequests;
using PareNetwork.Web.Data;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages.Structures;

/// <summary>
/// « Demander à être mis en relation » with a confidential structure: a professional writes to the coordination, who
/// checks them and forwards the request to the structure. A page of its own, so that the structure's page stays
/// cacheable (a form carries an antiforgery token); open to anyone, hence limited per IP and guarded by a honeypot.
/// </summary>
[EnableRateLimiting(PublicForms.RateLimitPolicy)]
public class MiseEnRelationModel(PareDbContext db, StructureCatalog catalog, UserManager<PareUser> users, TimeProvider time,
    IConfiguration configuration, IOptions<CoordinationOptions> coordination) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez votre nom et votre prénom.")]
        [StringLength(200, ErrorMessage = "200 caractères au plus.")]
        [Display(Name = "Nom et prénom")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre fonction.")]
        [StringLength(200, ErrorMessage = "200 caractères au plus.")]
        [Display(Name = "Fonction")]
        public string Role { get; set; } = "";

        [Required(ErrorMessage = "Indiquez la structure pour laquelle vous travaillez.")]
        [StringLength(300, ErrorMessage = "300 caractères au plus.")]
        [Display(Name = "Votre structure ou employeur")]
        public string Organisation { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre adresse électronique professionnelle.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
        [StringLength(254, ErrorMessage = "Adresse trop longue.")]
        [Display(Name = "Adresse électronique professionnelle")]
        public string Email { get; set; } = "";

        [Phone(ErrorMessage = "Numéro de téléphone invalide.")]
        [StringLength(50, ErrorMessage = "50 caractères au plus.")]
        [Display(Name = "Téléphone (facultatif)")]
        public string? Phone { get; set; }

        [Required(ErrorMessage = "Décrivez la situation en quelques mots.")]
        [StringLength(1500, MinimumLength = 20, ErrorMessage = "Entre 20 et 1 500 caractères.")]
        [Display(Name = "La situation, en quelques mots")]
        public string Situation { get; set; } = "";

        [Range(typeof(bool), "true", "true", ErrorMessage = "Confirmez que votre message ne permet d'identifier aucun mineur.")]
        public bool NoMinorNamed { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Votre accord est nécessaire pour que la coordination traite la demande.")]
        public bool Consent { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PublicStructure Structure { get; private set; } = null!;

    public CoordinationOptions Coordination => coordination.Value;

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] int id, bool envoye = false)
    {
        if (await LoadAsync(id) is { } notFound)
        {
            return notFound;
        }
        Sent = envoye;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int id)
    {
        if (await LoadAsync(id) is { } notFound)
        {
            return notFound;
        }
        if (Honeypot.IsTripped(Request))
        {
            return RedirectToPage(new { id, envoye = true });
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var request = new ContactRequest
        {
            StructureId = id,
            RequesterName = Input.Name.Trim(),
            RequesterRole = Input.Role.Trim(),
            RequesterOrganisation = Input.Organisation.Trim(),
            RequesterEmail = Input.Email.Trim(),
            RequesterPhone = string.IsNullOrWhiteSpace(Input.Phone) ? null : Input.Phone.Trim(),
            Situation = Input.Situation.Trim(),
            ConsentAccepted = ContactRequest.ConsentVersion,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ContactRequests.Add(request);
        ContactRequestMails.Received(db, time, request, Structure.Name);
        var review = AccountMails.BaseUrl(Request, configuration) + "/admin/mises-en-relation";
        foreach (var member in await users.GetUsersInRoleAsync(Roles.Coordination))
        {
            if (member.IsActive && member.Email is { } email)
            {
                ContactRequestMails.AwaitingReview(db, time, email, Structure.Name, review);
            }
        }
        await db.SaveChangesAsync();
        return RedirectToPage(new { id, envoye = true });
    }

    /// <summary>Only a published confidential structure is reached this way: the others show their contact.</summary>
    private async Task<IActionResult?> LoadAsync(int id)
    {
        var snapshot = await catalog.GetAsync();
        if (!snapshot.ById.TryGetValue(id, out var structure) || !structure.IsConfidential)
        {
            return NotFound();
        }
        Structure = structure;
        return null;
    }
}
