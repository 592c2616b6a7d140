using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;

namespace PareNetwork.Web.Accounts;

/// <summary>The account e-mails, added to the outbox of the unit of work that causes them.</summary>
public static class AccountMails
{
    /// <summary>
    /// The site's address for links in e-mails: Pare:PublicUrl, which the app requires outside Development (checked at
    /// start). Never the request's Host header there: a forged Host would put a reset or invitation link on another site.
    /// </summary>
    public static string BaseUrl(HttpRequest request, IConfiguration configuration) =>
        (configuration[PublicUrlKey] is { Length: > 0 } configured ? configured
            : request.HttpContext.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment() ? $"{request.Scheme}://{request.Host}"
            : throw new InvalidOperationException($"{PublicUrlKey} is not configured.")).TrimEnd('/');

    public const string PublicUrlKey = "Pare:PublicUrl";

    public static void Confirmation(PareDbContext db, TimeProvider time, string to, string link) => db.Outbox.Add(new OutboxMessage
    {
        To = to,
        Subject = "Confirmez votre adresse – Réseau PARÉ",
        TextBody = $"""
            Bonjour,

            Vous avez créé un compte sur la plateforme du réseau PARÉ. Pour confirmer votre adresse, ouvrez ce lien
            puis appuyez sur « Confirmer » (il reste valable 24 heures) :

            {link}

            Un compte seul ne donne accès à aucune structure : vous pourrez ensuite demander à représenter la vôtre.
            Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message.

            La coordination du réseau PARÉ
            """,
        CreatedAt = time.GetUtcNow().UtcDateTime,
    });

    public static void PasswordReset(PareDbContext db, TimeProvider time, string to, string link) => db.Outbox.Add(new OutboxMessage
    {
        To = to,
        Subject = "Réinitialiser votre mot de passe – Réseau PARÉ",
        TextBody = $"""
            Bonjour,

            Une réinitialisation du mot de passe de votre compte a été demandée. Pour choisir un nouveau mot de passe,
            ouvrez ce lien (valable 24 heures, une seule fois) :

            {link}

            Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.

            La coordination du réseau PARÉ
            """,
        CreatedAt = time.GetUtcNow().UtcDateTime,
    });
}
