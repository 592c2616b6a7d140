using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages.Compte;

public class ReinitialiserMotDePasseModel(UserManager<PareUser> users) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        [StringLength(200, MinimumLength = AccountsExtensions.MinimumPasswordLength, ErrorMessage = "Le mot de passe doit compter au moins {2} caractères.")]
        [DataType(DataType.Password)]
        [Display(Name = "Nouveau mot de passe")]
        public string Password { get; set; } = "";
    }

    [BindProperty(SupportsGet = true, Name = "utilisateur")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        if (user is null || Token is null)
        {
            ModelState.AddModelError(string.Empty, "Ce lien n'est plus valable : il a expiré ou a déjà servi. Demandez-en un nouveau.");
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? string.Empty : "Input.Password", error.Description);
            }
            return Page();
        }
        Done = true;
        return Page();
    }
}
