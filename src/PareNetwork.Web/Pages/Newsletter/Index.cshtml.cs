using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Newsletter;

namespace PareNetwork.Web.Pages.Newsletter;

/// <summary>
/// « Formulaire d'inscription à la newsletter PARÉ » (/newsletter): a pending request and its confirmation e-mail,
/// in one save (double opt-in). The answer is the same whether the address is new, pending or already subscribed,
/// and a robot that fills the honeypot gets it too, with nothing stored and nothing sent.
/// </summary>
[EnableRateLimiting(PublicForms.RateLimitPolicy)]
public class IndexModel(PareDbContext db, NewsletterSecret secret, TimeProvider time, IConfiguration configuration) : PageModel
{
    public sealed class InputModel
    {
        [Display(Name = "Civilité")]
        public string? Civility { get; set; }

        [Required(ErrorMessage = "Indiquez votre prénom.")]
        [StringLength(100, ErrorMessage = "Le prénom ne peut dépasser {1} caractères.")]
        [Display(Name = "Prénom")]
        public string FirstName { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre nom.")]
        [StringLength(100, ErrorMessage = "Le nom ne peut dépasser {1} caractères.")]
        [Display(Name = "Nom")]
        public string LastName { get; set; } = "";

        [Required(ErrorMessage = "Choisissez le type de structure pour laquelle vous travaillez.")]
        [Display(Name = "Type de structure")]
        public string StructureType { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide : elle doit avoir la forme nom@exemple.fr.")]
        [StringLength(254, ErrorMessage = "Adresse trop longue.")]
        [Display(Name = "Adresse électronique")]
        public string Email { get; set; } = "";

        public bool Consent { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet(bool envoye = false) => Sent = envoye;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Honeypot.IsTripped(Request))
        {
            return RedirectToPage(new { envoye = true });
        }
        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var entry = new NewsletterForm.Entry(Input.Civility ?? "", Input.FirstName.Trim(), Input.LastName.Trim(), Input.StructureType, Input.Email.Trim());
        var now = time.GetUtcNow().UtcDateTime;
        var ipHash = secret.HashIp(HttpContext.Connection.RemoteIpAddress);
        var normalized = NewsletterSubscriber.Normalize(entry.Email);
        string? token;
        if (await db.NewsletterSubscribers.SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, ct) is { } existing)
        {
            token = existing.RequestAgain(entry, ipHash, now);
        }
        else
        {
            (var subscriber, token) = NewsletterSubscriber.Request(entry, ipHash, now);
            db.NewsletterSubscribers.Add(subscriber);
        }
        if (token is not null)
        {
            NewsletterMails.Confirmation(db, time, entry.Email, NewsletterMails.ConfirmLink(AccountMails.BaseUrl(Request, configuration), token), now + NewsletterSubscriber.ConfirmationLifetime);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same address sent twice at once: the other request holds the row and sent the e-mail.
            }
        }
        return RedirectToPage(new { envoye = true });
    }

    private void Validate()
    {
        if (!string.IsNullOrEmpty(Input.Civility) && NewsletterForm.Civilities.All(c => c.Code != Input.Civility))
        {
            ModelState.AddModelError("Input.Civility", "Choisissez une civilité de la liste.");
        }
        if (!string.IsNullOrEmpty(Input.StructureType) && NewsletterForm.StructureTypes.All(t => t.Code != Input.StructureType))
        {
            ModelState.AddModelError("Input.StructureType", "Choisissez un type de structure de la liste.");
        }
        if (!Input.Consent)
        {
            ModelState.AddModelError("Input.Consent", "Cochez la case pour accepter de recevoir la newsletter : sans votre accord, nous ne pouvons pas vous l'envoyer.");
        }
    }
}
