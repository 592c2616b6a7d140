using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Pages.Compte;

public class MotDePasseOublieModel(UserManager<PareUser> users, PareDbContext db, TimeProvider time, IConfiguration configuration) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
        [Display(Name = "Adresse électronique")]
        public string Email { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet(bool envoye = false) => Sent = envoye;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The same answer whether the account exists or not.
        if (await users.FindByEmailAsync(Input.Email.Trim()) is { EmailConfirmed: true, IsActive: true } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = QueryHelpers.AddQueryString($"{AccountMails.BaseUrl(Request, configuration)}/reinitialiser-mot-de-passe",
                new Dictionary<string, string?> { ["utilisateur"] = user.Id, ["jeton"] = token });
            AccountMails.PasswordReset(db, time, user.Email!, link);
            await db.SaveChangesAsync();
        }
        return RedirectToPage(new { envoye = true });
    }
}
