using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PareNetwork.Web.History;

namespace PareNetwork.Web.Accounts;

/// <summary>Adds the pseudonym the history records for this person's changes.</summary>
public sealed class PareClaimsFactory(UserManager<PareUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PareUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PareUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ChangeAuthor.PseudonymClaimType, user.Pseudonym));
        return identity;
    }
}
