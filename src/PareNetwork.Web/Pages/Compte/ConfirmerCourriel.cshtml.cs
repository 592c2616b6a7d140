using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Web.Pages.Compte;

/// <summary>The link's GET only shows a button: mail scanners open links, and only the POST confirms.</summary>
public class ConfirmerCourrielModel(UserManager<PareUser> users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "utilisateur")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    public bool? Confirmed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        Confirmed = user is not null && Token is not null && (await users.ConfirmEmailAsync(user, Token)).Succeeded;
        return Page();
    }
}
