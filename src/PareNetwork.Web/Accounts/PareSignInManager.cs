using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PareNetwork.Web.Accounts;

/// <summary>Identity's sign-in, refusing deactivated accounts as it refuses unconfirmed ones.</summary>
public sealed class PareSignInManager(
    UserManager<PareUser> users,
    IHttpContextAccessor context,
    IUserClaimsPrincipalFactory<PareUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<PareUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PareUser> confirmation)
    : SignInManager<PareUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PareUser user) => user.IsActive && await base.CanSignInAsync(user);
}
