using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Freshness;

/// <summary>The freshness e-mails, added to the outbox of the unit of work that records them.</summary>
public static class FreshnessMails
{
    /// <summary>The launch profile's address, for Development without Pare:PublicUrl (required everywhere else).</summary>
    public const string DevelopmentUrl = "http://localhost:5025";

    /// <summary>Links in a job's e-mails: there is no request, so Pare:PublicUrl, else (Development only) the launch profile's address.</summary>
    public static string BaseUrl(IConfiguration configuration) =>
        (configuration[AccountMails.PublicUrlKey] is { Length: > 0 } configured ? configured : DevelopmentUrl).TrimEnd('/');

    public static string ReminderSubject(ReminderKind kind) => kind == ReminderKind.First
        ? "Votre fiche est-elle toujours exacte ? – Réseau PARÉ"
        : "Rappel : votre fiche est-elle toujours exacte ? – Réseau PARÉ";

    public const string DigestSubjectStart = "Fraîcheur des fiches";

    /// <summary>A reminder to one person: « Tout est exact » (the signed link) and where to correct the record.</summary>
    public static void Reminder(PareDbContext db, DateTime now, string to, ReminderKind kind, FreshnessCandidate structure,
        bool toMember, string confirmLink, DateTime linkExpiresAt, string baseUrl)
    {
        var since = structure.ConfirmedAt is { } confirmed
            ? $"a été confirmée pour la dernière fois le {Display.Date(confirmed)}"
            : "n'a encore jamais été confirmée";
        var edit = toMember
            ? $"""
              Si quelque chose a changé, corrigez-la depuis votre espace :

              {baseUrl}/espace/structures/{structure.Id}
              """
            : $"""
              Si quelque chose a changé, répondez à la coordination du réseau, ou demandez à représenter la structure
              pour la mettre à jour vous-même :

              {baseUrl}/structures/{structure.Id}/representer
              """;
        db.Outbox.Add(new OutboxMessage
        {
            To = to,
            Subject = ReminderSubject(kind),
            TextBody = $"""
                Bonjour,

                {(kind == ReminderKind.Second ? "Nous vous avons écrit il y a deux semaines : la" : "La")} fiche de « {structure.Name} » sur la plateforme du réseau PARÉ {since}.
                Les professionnels, les parents et les jeunes qui cherchent de l'aide s'y fient : aidez-nous à la garder exacte.

                Tout est exact ? Ouvrez ce lien puis appuyez sur « Confirmer » (valable jusqu'au {Display.Date(linkExpiresAt)}, une seule fois) :

                {confirmLink}

                {edit}

                La coordination du réseau PARÉ
                """,
            CreatedAt = now,
        });
    }

    public static void Digest(PareDbContext db, DateTime now, string to, string body) => db.Outbox.Add(new OutboxMessage
    {
        To = to,
        Subject = $"{DigestSubjectStart} – semaine du {Display.Date(now)} – Réseau PARÉ",
        TextBody = body,
        CreatedAt = now,
    });
}
