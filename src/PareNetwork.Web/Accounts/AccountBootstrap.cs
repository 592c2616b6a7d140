using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace PareNetwork.Web.Accounts;

/// <summary>The roles, the first accounts (command line) and, in Development only, one demo account per role.</summary>
public sealed class AccountBootstrap(RoleManager<IdentityRole> roles, UserManager<PareUser> users, TimeProvider time, Data.PareDbContext db)
{
    /// <summary>The seeded structure the demo member manages.</summary>
    public const string DemoMemberStructureKey = "mouvement-du-nid-haut-rhin";

    public static readonly IReadOnlyDictionary<string, string> DemoAccounts = new Dictionary<string, string>
    {
        [Roles.Coordination] = "coordination@demo.pare.test",
        [Roles.Membre] = "membre@demo.pare.test",
        [Roles.Dgcs] = "dgcs@demo.pare.test",
    };

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>Creates the demo accounts that are missing, with the configured password; never outside Development.</summary>
    public async Task EnsureDemoAccountsAsync(string password)
    {
        foreach (var (role, email) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                await CreateAsync(email, role, password);
            }
        }
        var member = await users.FindByEmailAsync(DemoAccounts[Roles.Membre]);
        var structure = await db.Structures.Where(s => s.ExternalKey == DemoMemberStructureKey).Select(s => (int?)s.Id).FirstOrDefaultAsync();
        if (member is not null && structure is { } id && !await db.StructureMembers.AnyAsync(m => m.UserId == member.Id && m.StructureId == id))
        {
            db.StructureMembers.Add(new Membership.StructureMember
            {
                StructureId = id, UserId = member.Id, RoleInStructure = "compte de démonstration", Since = time.GetUtcNow().UtcDateTime, Origin = "démonstration",
            });
            await db.SaveChangesAsync();
        }
    }

    public async Task DeactivateDemoAccountsAsync()
    {
        foreach (var email in DemoAccounts.Values)
        {
            if (await users.FindByEmailAsync(email) is { IsActive: true } demo)
            {
                demo.Deactivate(time.GetUtcNow().UtcDateTime);
                await users.UpdateAsync(demo);
                await users.UpdateSecurityStampAsync(demo);
            }
        }
    }

    /// <summary>Creates a confirmed account in a role; with no password given, generates one (to be shown once).</summary>
    public async Task<string> CreateAsync(string email, string role, string? password = null)
    {
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"Rôle « {role} » inconnu (rôles : {string.Join(", ", Roles.All)}).", nameof(role));
        }
        password ??= GeneratePassword();
        var user = new PareUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return password;
    }

    /// <summary>Five groups of five letters and digits: about 129 bits, easy to type once.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 5).Select(_ => new string([.. Enumerable.Range(0, 5).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)])]));
        return string.Join('-', groups);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>`dotnet run --project src/PareNetwork.Web -- create-user --role Coordination --email …`.</summary>
public static class CreateUserCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "create-user";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var role = Option("--role");
        var email = Option("--email");
        if (role is null || email is null)
        {
            await output.WriteLineAsync($"Usage : create-user --role <{string.Join("|", Roles.All)}> --email <adresse>");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var bootstrap = scope.ServiceProvider.GetRequiredService<AccountBootstrap>();
        try
        {
            var password = await bootstrap.CreateAsync(email.Trim(), role);
            await output.WriteLineAsync($"Compte {email} créé ({role}). Mot de passe, affiché une seule fois : {password}");
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or DbUpdateException)
        {
            await output.WriteLineAsync($"Compte non créé : {ex.Message}");
            return 1;
        }
    }
}
