using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;

namespace PareNetwork.Web.Newsletter;

/// <summary>
/// The newsletter's e-mails, added to the outbox of the unit of work that causes them. Every e-mail to a subscriber
/// carries its unsubscribe link in the text and the RFC 8058 one-click headers (List-Unsubscribe, List-Unsubscribe-Post).
/// </summary>
public static class NewsletterMails
{
    public const string ConfirmPath = "/newsletter/confirmer";

    public const string UnsubscribePath = "/newsletter/desabonnement";

    public const string OneClickPath = "/newsletter/desabonnement/un-clic";

    public static string ConfirmLink(string baseUrl, string token) => $"{baseUrl}{ConfirmPath}?jeton={Uri.EscapeDataString(token)}";

    public static string UnsubscribeLink(string baseUrl, string token) => $"{baseUrl}{UnsubscribePath}?jeton={Uri.EscapeDataString(token)}";

    public static string OneClickLink(string baseUrl, string token) => $"{baseUrl}{OneClickPath}?jeton={Uri.EscapeDataString(token)}";

    /// <summary>The double opt-in: the address is not subscribed until the button of this link is pressed.</summary>
    public static void Confirmation(PareDbContext db, TimeProvider time, string to, string link, DateTime expiresAt) => db.Outbox.Add(new OutboxMessage
    {
        To = to,
        Subject = "Confirmez votre inscription à la newsletter – Réseau PARÉ",
        TextBody = $"""
            Bonjour,

            Vous avez demandé à recevoir la newsletter trimestrielle du réseau PARÉ contre la prostitution des mineurs.
            Pour confirmer votre inscription, ouvrez ce lien puis appuyez sur « Confirmer mon inscription »
            (il reste valable jusqu'au {Pages.Shared.Display.DateAndTime(expiresAt)}) :

            {link}

            Sans confirmation, vous ne recevrez rien et votre demande sera effacée.
            Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.

            La coordination du réseau PARÉ
            """,
        CreatedAt = time.GetUtcNow().UtcDateTime,
    });

    public static void Welcome(PareDbContext db, TimeProvider time, NewsletterSubscriber subscriber, string baseUrl, NewsletterSecret secret) =>
        ToSubscriber(db, time, subscriber, baseUrl, secret, "Inscription confirmée – Newsletter du réseau PARÉ",
            """
            Bonjour,

            Votre inscription à la newsletter trimestrielle du réseau PARÉ est confirmée. Elle présente les évènements,
            actualités, ressources et formations sur la lutte contre la prostitution des mineurs.
            """);

    /// <summary>After years without a renewal: one e-mail; without an answer by <paramref name="deadline"/>, the address is removed.</summary>
    public static void Renewal(PareDbContext db, TimeProvider time, NewsletterSubscriber subscriber, string baseUrl, NewsletterSecret secret, string link, DateTime deadline) =>
        ToSubscriber(db, time, subscriber, baseUrl, secret, "Souhaitez-vous continuer à recevoir la newsletter ? – Réseau PARÉ",
            $"""
            Bonjour,

            Vous êtes inscrit(e) depuis longtemps à la newsletter du réseau PARÉ. Pour continuer à la recevoir, ouvrez ce
            lien puis appuyez sur « Confirmer mon inscription » avant le {Pages.Shared.Display.DateAndTime(deadline)} :

            {link}

            Sans réponse de votre part d'ici là, votre adresse sera retirée de la liste et effacée.
            """);

    private static void ToSubscriber(PareDbContext db, TimeProvider time, NewsletterSubscriber subscriber, string baseUrl, NewsletterSecret secret, string subject, string text)
    {
        var token = secret.UnsubscribeToken(subscriber.Id);
        db.Outbox.Add(new OutboxMessage
        {
            To = subscriber.Email,
            Subject = subject,
            TextBody = $"""
                {text.TrimEnd()}

                Pour vous désinscrire : {UnsubscribeLink(baseUrl, token)}

                La coordination du réseau PARÉ
                """,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Headers = $"List-Unsubscribe: <{OneClickLink(baseUrl, token)}>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click",
        });
    }
}
