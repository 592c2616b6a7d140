using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Membership;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages;

/// <summary>
/// The link of an invitation. Its GET only shows what it is (mail scanners open links); a POST accepts: with a new
/// account (the link proved the address, so it is confirmed) or with the signed-in account of that address.
/// </summary>
public class InvitationModel(PareDbContext db, UserManager<PareUser> users, SignInManager<PareUser> signIn, TimeProvider time) : PageModel
{
    public enum State
    {
        /// <summary>Unknown, expired or already used.</summary>
        Invalid,

        /// <summary>No account has the invited address: choose a password.</summary>
        NewAccount,

        /// <summary>Signed in with the invited address: one button.</summary>
        SignedIn,

        /// <summary>An account has the address but is not the signed-in one: sign in with it.</summary>
        SignInFirst,

        /// <summary>Signed in with another account.</summary>
        OtherAccount,
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        [StringLength(200, MinimumLength = AccountsExtensions.MinimumPasswordLength, ErrorMessage = "Le mot de passe doit compter au moins {2} caractères.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = "";
    }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public State Situation { get; private set; }

    public Invitation? Invited { get; private set; }

    public string? StructureName { get; private set; }

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        await LoadAsync();
    }

    /// <summary>Creates the account of the invited address, confirmed, in the role Membre, linked; then signs in.</summary>
    public async Task<IActionResult> OnPostCreerAsync()
    {
        await LoadAsync();
        if (Situation != State.NewAccount || Invited is null)
        {
            ModelState.Clear();
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new PareUser { UserName = Invited.Email, Email = Invited.Email, EmailConfirmed = true, CreatedAt = now };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }
        if (!await LinkAsync(user, now))
        {
            ModelState.Clear();
            return Page();
        }
        await transaction.CommitAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/espace");
    }

    /// <summary>The signed-in account of the invited address accepts.</summary>
    public async Task<IActionResult> OnPostAccepterAsync()
    {
        ModelState.Clear();
        await LoadAsync();
        if (Situation != State.SignedIn || Invited is null || await users.GetUserAsync(User) is not { } user)
        {
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await LinkAsync(user, now))
        {
            return Page();
        }
        await transaction.CommitAsync();
        // The new role is in the session at once.
        await signIn.RefreshSignInAsync(user);
        return Redirect("/espace");
    }

    /// <summary>Accepts the invitation for the user; false (nothing to commit) when it was used meanwhile.</summary>
    private async Task<bool> LinkAsync(PareUser user, DateTime now)
    {
        var invitation = Invited!;
        // Single use even when two requests race: only one can mark it accepted in the database.
        var claimed = await db.Invitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedByUserId, user.Id));
        if (claimed != 1 || invitation.Accept(user.Id, now) is not { } member)
        {
            Situation = State.Invalid;
            return false;
        }
        await MemberLinks.AddAsync(db, users, user, member);
        await db.SaveChangesAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        Situation = State.Invalid;
        if (string.IsNullOrWhiteSpace(Token) || Token.Length > 100)
        {
            return;
        }
        var hash = Invitation.Hash(Token.Trim());
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash);
        if (invitation is null || !invitation.CanBeAccepted(time.GetUtcNow().UtcDateTime))
        {
            return;
        }
        Invited = invitation;
        StructureName = await db.Structures.Where(s => s.Id == invitation.StructureId).Select(s => s.Name).SingleAsync();
        var existing = await users.FindByEmailAsync(invitation.Email);
        var current = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        Situation = (existing, current) switch
        {
            (null, null) => State.NewAccount,
            (null, _) => State.OtherAccount,
            (_, null) => State.SignInFirst,
            _ when existing.Id == current.Id => State.SignedIn,
            _ => State.OtherAccount,
        };
    }
}
