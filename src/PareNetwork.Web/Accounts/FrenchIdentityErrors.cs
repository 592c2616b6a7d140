using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace PareNetwork.Web.Accounts;

/// <summary>Identity's messages in French, for the errors a person can meet on the account pages.</summary>
public sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new()
    {
        Code = nameof(PasswordTooShort),
        Description = string.Format(CultureInfo.InvariantCulture, "Le mot de passe doit compter au moins {0} caractères.", length),
    };

    public override IdentityError DuplicateEmail(string email) => new()
    {
        Code = nameof(DuplicateEmail),
        Description = "Un compte existe déjà avec cette adresse. Connectez-vous, ou utilisez « Mot de passe oublié ».",
    };

    public override IdentityError DuplicateUserName(string userName) => DuplicateEmail(userName);

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "Adresse électronique invalide." };

    public override IdentityError InvalidUserName(string? userName) => InvalidEmail(userName);

    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Ce lien n'est plus valable : il a expiré ou a déjà servi. Demandez-en un nouveau." };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Mot de passe incorrect." };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "L'opération n'a pas pu aboutir." };
}
