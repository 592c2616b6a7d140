using Microsoft.AspNetCore.Identity;

namespace PareNetwork.Web.Accounts;

/// <summary>
/// Refuses passwords that are easy to guess, offline (no password API is reachable): zxcvbn's estimate, built on
/// lists of common passwords, names and keyboard patterns, with the account's own e-mail as a known word.
/// OWASP ASVS 5 and the CNIL ask for length and this check, not for composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PareUser>
{
    /// <summary>zxcvbn's scale is 0 (guessable in a few tries) to 4; below 3 is guessable by an offline attack.</summary>
    public const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<PareUser> manager, PareUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var known = new[] { user.Email, user.UserName, "pare", "reseau", "droitdenfance" }.OfType<string>().ToList();
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, known);
        return Task.FromResult(result.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "MotDePasseCourant",
                Description = "Ce mot de passe est trop courant ou trop facile à deviner. Choisissez par exemple une phrase de plusieurs mots.",
            }));
    }
}
