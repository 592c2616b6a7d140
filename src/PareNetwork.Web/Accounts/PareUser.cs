using Microsoft.AspNetCore.Identity;

namespace PareNetwork.Web.Accounts;

/// <summary>A person who signs in. An account alone grants nothing: roles and structure links do.</summary>
public class PareUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    /// <summary>Set when the coordination deactivates the account: sign-in is refused and open sessions end.</summary>
    public DateTime? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public void Deactivate(DateTime at)
    {
        DeactivatedAt ??= at;
    }

    public void Reactivate() => DeactivatedAt = null;
}
