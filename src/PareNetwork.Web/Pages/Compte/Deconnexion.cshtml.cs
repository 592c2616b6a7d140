using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Web.Pages.Compte;

/// <summary>Sign-out is a POST (antiforgery): a link opened by someone else cannot sign a person out.</summary>
[Authorize]
public class DeconnexionModel(SignInManager<PareUser> signIn, UserManager<PareUser> users) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp ends this session's cookie everywhere it may have been copied.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
