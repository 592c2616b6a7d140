using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Web.Pages.Compte;

public class ConnexionModel(SignInManager<PareUser> signIn) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
        [Display(Name = "Adresse électronique")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre mot de passe.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "retour")]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        // The same message whether the account exists or not: the page does not tell who has one.
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "Trop d'essais infructueux : ce compte est bloqué pendant 15 minutes. Vous pouvez aussi réinitialiser votre mot de passe."
            : "Adresse ou mot de passe incorrect, ou adresse pas encore confirmée.");
        return Page();
    }
}
