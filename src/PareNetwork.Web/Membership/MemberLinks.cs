using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Membership;

/// <summary>What an accepted request and an accepted invitation both do: link the person and make them a member.</summary>
public static class MemberLinks
{
    /// <summary>
    /// Adds <paramref name="link"/> unless the person already manages that structure, and the Membre role if missing.
    /// The role change saves the pending changes too: call it inside the caller's transaction.
    /// </summary>
    public static async Task AddAsync(PareDbContext db, UserManager<PareUser> users, PareUser user, StructureMember link)
    {
        if (!await db.StructureMembers.AnyAsync(m => m.StructureId == link.StructureId && m.UserId == link.UserId))
        {
            db.StructureMembers.Add(link);
        }
        if (!await users.IsInRoleAsync(user, Roles.Membre))
        {
            var added = await users.AddToRoleAsync(user, Roles.Membre);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", added.Errors.Select(e => e.Code)));
            }
        }
    }
}
