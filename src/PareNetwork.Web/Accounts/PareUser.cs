using Microsoft.AspNetCore.Identity;

namespace PareNetwork.Web.Accounts;

/// <summary>A person who signs in. An account alone grants nothing: roles and structure links do.</summary>
public class PareUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// How the history names this person (« compte 7F3K2Q »): kept on every change they made, and still meaningful to
    /// the coordination after the account, its name and its e-mail are deleted.
    /// </summary>
    public string Pseudonym { get; init; } = "compte " + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));

    /// <summary>Set when the coordination deactivates the account: sign-in is refused and open sessions end.</summary>
    public DateTime? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public void Deactivate(DateTime at)
    {
        DeactivatedAt ??= at;
    }

    public void Reactivate() => DeactivatedAt = null;
}
