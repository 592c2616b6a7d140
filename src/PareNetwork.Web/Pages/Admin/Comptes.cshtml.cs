using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>The coordination manages accounts: roles, deactivation (which ends the person's sessions) and reactivation.</summary>
public class ComptesModel(UserManager<PareUser> users, PareDbContext db, TimeProvider time) : PageModel
{
    public sealed record AccountLine(string Id, string Email, string Pseudonym, IReadOnlyList<string> Roles, bool Active, bool Confirmed, int Structures, DateTime CreatedAt);

    public IReadOnlyList<AccountLine> Accounts { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var memberships = await db.StructureMembers.GroupBy(m => m.UserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var roleNames = await db.Roles.ToDictionaryAsync(r => r.Id, r => r.Name!);
        var userRoles = (await db.UserRoles.ToListAsync()).ToLookup(ur => ur.UserId, ur => roleNames[ur.RoleId]);
        Accounts = [.. all.Select(u => new AccountLine(u.Id, u.Email ?? "", u.Pseudonym, [.. userRoles[u.Id].Order(StringComparer.Ordinal)], u.IsActive, u.EmailConfirmed,
            memberships.GetValueOrDefault(u.Id), u.CreatedAt))];
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }
        if (user.Id == users.GetUserId(User))
        {
            Message = "Vous ne pouvez pas désactiver votre propre compte.";
            return RedirectToPage();
        }
        user.Deactivate(time.GetUtcNow().UtcDateTime);
        await users.UpdateAsync(user);
        // A new security stamp ends the person's open sessions at their next request.
        await users.UpdateSecurityStampAsync(user);
        Message = $"Le compte {user.Email} est désactivé ; ses sessions sont fermées.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReactivateAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }
        user.Reactivate();
        await users.UpdateAsync(user);
        Message = $"Le compte {user.Email} est réactivé.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string role, bool grant)
    {
        if (await users.FindByIdAsync(id) is not { } user || !Roles.IsKnown(role))
        {
            return NotFound();
        }
        if (!grant && role == Roles.Coordination && user.Id == users.GetUserId(User))
        {
            Message = "Vous ne pouvez pas vous retirer vous-même le rôle Coordination.";
            return RedirectToPage();
        }
        var result = grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        Message = result.Succeeded
            ? $"Rôle {role} {(grant ? "accordé à" : "retiré à")} {user.Email}."
            : $"Rôle inchangé : {string.Join(" ", result.Errors.Select(e => e.Description))}";
        return RedirectToPage();
    }
}
