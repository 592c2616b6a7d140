using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Adhesions;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;
using PareNetwork.Web.Membership;
using PareNetwork.Web.Setup;
using PareNetwork.Web.Structures;

namespace PareNetwork.Web.Pages;

/// <summary>
/// « Rejoindre le réseau »: the person, their structure (one already on the map, or a new one, created pending) and
/// their expectations; the coordination reviews it at /admin/adhesions. Open to anyone, hence limited per IP and
/// guarded by a honeypot; a signed-in applicant's request to manage an existing structure is a link request.
/// </summary>
[EnableRateLimiting(PublicForms.RateLimitPolicy)]
public class AdhesionModel(PareDbContext db, StructureCatalog catalog, GeoReference geo, UserManager<PareUser> users, TimeProvider time,
    ChangeAuthor author, IConfiguration configuration, IOptions<CoordinationOptions> coordination) : PageModel
{
    public const string Existing = "existante";
    public const string New = "nouvelle";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez votre nom et votre prénom.")]
        [StringLength(200, ErrorMessage = "200 caractères au plus.")]
        [Display(Name = "Nom et prénom")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre rôle dans la structure.")]
        [StringLength(200, ErrorMessage = "200 caractères au plus.")]
        [Display(Name = "Votre rôle dans la structure")]
        public string Role { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre adresse électronique professionnelle.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
        [StringLength(254, ErrorMessage = "Adresse trop longue.")]
        [Display(Name = "Adresse électronique professionnelle")]
        public string Email { get; set; } = "";

        [Phone(ErrorMessage = "Numéro de téléphone invalide.")]
        [StringLength(50, ErrorMessage = "50 caractères au plus.")]
        [Display(Name = "Téléphone (facultatif)")]
        public string? Phone { get; set; }

        public string StructureChoice { get; set; } = New;

        public int? ExistingStructureId { get; set; }

        [StringLength(2000, ErrorMessage = "2 000 caractères au plus.")]
        [Display(Name = "Vos attentes vis-à-vis du réseau (facultatif)")]
        public string? Expectations { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "L'adhésion suppose d'accepter la charte du réseau.")]
        public bool Charter { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Votre accord est nécessaire pour que la coordination examine la demande.")]
        public bool Consent { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public StructureForm Form { get; set; } = new();

    public IReadOnlyList<PublicStructure> Structures { get; private set; } = [];

    public CoordinationOptions Coordination => coordination.Value;

    public bool Sent { get; private set; }

    public async Task OnGetAsync(bool envoye = false)
    {
        Sent = envoye;
        Form = new StructureForm { OpenedAt = time.GetUtcNow().UtcDateTime.Ticks };
        if (User.Identity?.IsAuthenticated == true)
        {
            Input.Email = User.Identity.Name ?? "";
        }
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Honeypot.IsTripped(Request))
        {
            return RedirectToPage(new { envoye = true });
        }
        await LoadAsync();
        var existing = Input.StructureChoice == Existing;
        PublicStructure? chosen = null;
        if (existing)
        {
            // The structure form is not posted then; its validation (under "Form." or, bound from nothing, no prefix) does not apply.
            foreach (var key in ModelState.Keys.Where(k => !k.StartsWith("Input.", StringComparison.Ordinal)).ToList())
            {
                ModelState.Remove(key);
            }
            chosen = Structures.FirstOrDefault(s => s.Id == Input.ExistingStructureId);
            if (chosen is null)
            {
                ModelState.AddModelError("Input.ExistingStructureId", "Choisissez votre structure dans la liste, ou déclarez une nouvelle structure.");
            }
        }
        else if (Input.StructureChoice != New)
        {
            ModelState.AddModelError("Input.StructureChoice", "Indiquez si votre structure figure déjà sur la carte.");
        }
        var userId = StructureAccess.UserId(User);
        if (chosen is not null && userId is not null && await db.StructureMembers.AnyAsync(m => m.StructureId == chosen.Id && m.UserId == userId))
        {
            ModelState.AddModelError("Input.ExistingStructureId", "Vous gérez déjà cette structure : elle fait partie du réseau.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        string structureName;
        int structureId;
        if (chosen is not null)
        {
            (structureName, structureId) = (chosen.Name, chosen.Id);
        }
        else
        {
            // Confidential until the coordination approves otherwise: a shelter that forgets the box is not published
            // with its address; an unticked box becomes a request to publish it.
            var structure = new Structure { Name = Form.Name, Status = StructureStatus.EnAttente, Source = "adhésion", AddressVisibility = AddressVisibility.Confidentielle };
            using (author.Use(ChangeChannel.Web, userId, "formulaire d'adhésion"))
            {
                var errors = await Form.ApplyToAsync(structure, db, geo, now, "formulaire d'adhésion");
                foreach (var (field, message) in errors)
                {
                    ModelState.AddModelError($"Form.{field}", message);
                }
                if (errors.Count > 0)
                {
                    return Page();
                }
                db.Structures.Add(structure);
                await db.SaveChangesAsync();
            }
            (structureName, structureId) = (structure.Name, structure.Id);
        }

        LinkRequest? linkRequest = null;
        if (chosen is not null && userId is not null && !User.IsInRole(Roles.Dgcs)
            && !await db.LinkRequests.AnyAsync(r => r.StructureId == chosen.Id && r.UserId == userId && r.Status == LinkRequestStatus.EnAttente))
        {
            linkRequest = new LinkRequest
            {
                UserId = userId,
                StructureId = chosen.Id,
                RoleInStructure = Input.Role.Trim(),
                ProfessionalEmail = Input.Email.Trim(),
                Message = "Demande faite avec l'adhésion au réseau.",
                CreatedAt = now,
            };
            db.LinkRequests.Add(linkRequest);
            await db.SaveChangesAsync();
        }
        db.MembershipApplications.Add(new MembershipApplication
        {
            ApplicantName = Input.Name.Trim(),
            ApplicantRole = Input.Role.Trim(),
            ApplicantEmail = Input.Email.Trim(),
            ApplicantPhone = string.IsNullOrWhiteSpace(Input.Phone) ? null : Input.Phone.Trim(),
            UserId = userId,
            StructureId = structureId,
            NewStructure = chosen is null,
            LinkRequestId = linkRequest?.Id,
            Expectations = string.IsNullOrWhiteSpace(Input.Expectations) ? null : Input.Expectations.Trim(),
            CharterAccepted = MembershipApplication.CharterVersion,
            ConsentAccepted = MembershipApplication.ConsentVersion,
            CreatedAt = now,
        });
        AdhesionMails.Received(db, time, Input.Email.Trim(), structureName);
        var review = AccountMails.BaseUrl(Request, configuration) + "/admin/adhesions";
        foreach (var member in await users.GetUsersInRoleAsync(Roles.Coordination))
        {
            if (member.IsActive && member.Email is { } email)
            {
                AdhesionMails.AwaitingReview(db, time, email, structureName, review);
            }
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return RedirectToPage(new { envoye = true });
    }

    private async Task LoadAsync() =>
        Structures = [.. (await catalog.GetAsync()).Structures.OrderBy(s => s.Name, StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), true))];
}
