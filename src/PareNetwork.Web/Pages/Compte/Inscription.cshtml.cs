using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages.Compte;

/// <summary>Sign-up with e-mail confirmation. An account alone grants nothing: it is a person, not a structure's member.</summary>
public class InscriptionModel(UserManager<PareUser> users, PareDbContext db, TimeProvider time, IConfiguration configuration) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
        [StringLength(254, ErrorMessage = "Adresse trop longue.")]
        [Display(Name = "Adresse électronique professionnelle")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        [StringLength(200, MinimumLength = AccountsExtensions.MinimumPasswordLength, ErrorMessage = "Le mot de passe doit compter au moins {2} caractères.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = "";
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
        var email = Input.Email.Trim();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // An address never confirmed gets its link again (the password typed now is not taken: the link only
            // proves the address). Same answer either way: the page does not reveal who has an account.
            if (!existing.EmailConfirmed)
            {
                await SendConfirmationAsync(existing);
                await db.SaveChangesAsync();
            }
            return RedirectToPage(new { envoye = true });
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new PareUser { UserName = email, Email = email, CreatedAt = time.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == "MotDePasseCourant" ? "Input.Password" : "Input.Email", error.Description);
            }
            return Page();
        }
        await SendConfirmationAsync(user);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return RedirectToPage(new { envoye = true });
    }

    private async Task SendConfirmationAsync(PareUser user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = QueryHelpers.AddQueryString($"{AccountMails.BaseUrl(Request, configuration)}/confirmer-courriel",
            new Dictionary<string, string?> { ["utilisateur"] = user.Id, ["jeton"] = token });
        AccountMails.Confirmation(db, time, user.Email!, link);
    }
}
