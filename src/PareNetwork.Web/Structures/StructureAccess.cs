using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Structures;

/// <summary>Who may edit a structure's record: the coordination, and the members linked to that structure.</summary>
public static class StructureAccess
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static async Task<bool> CanEditAsync(PareDbContext db, ClaimsPrincipal user, int structureId, CancellationToken ct = default)
    {
        if (user.IsInRole(Roles.Coordination))
        {
            return true;
        }
        var id = UserId(user);
        return id is not null && user.IsInRole(Roles.Membre)
            && await db.StructureMembers.AnyAsync(m => m.StructureId == structureId && m.UserId == id, ct);
    }
}
