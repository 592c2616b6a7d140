using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Contributions;

/// <summary>The e-mails of contributions, added to the outbox of the unit of work that causes them.</summary>
public static class ContributionMails
{
    /// <summary>
    /// Who the coordination is for these messages: its functional address (<c>Pare:Coordination:Email</c>) when set,
    /// otherwise every active coordination account.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CoordinationAddressesAsync(CoordinationOptions coordination, UserManager<PareUser> users)
    {
        if (!string.IsNullOrWhiteSpace(coordination.Email))
        {
            return [coordination.Email.Trim()];
        }
        var accounts = await users.GetUsersInRoleAsync(Roles.Coordination);
        return [.. accounts.Where(u => u.IsActive && u.Email is { Length: > 0 }).Select(u => u.Email!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    public static void Awaiting(PareDbContext db, TimeProvider time, IEnumerable<string> coordination, Contribution c, string moderationLink)
    {
        foreach (var to in coordination)
        {
            db.QueueMail(time, to,
                $"Contribution à modérer : {ContributionKinds.Label(c.Kind).ToLowerInvariant()} – Réseau PARÉ",
                $"""
                Bonjour,

                Une contribution attend la modération : {ContributionKinds.Label(c.Kind).ToLowerInvariant()} « {c.Title} ».
                Relisez-la, modifiez-la si besoin, puis publiez-la ou refusez-la :

                {moderationLink}

                La plateforme du réseau PARÉ
                """);
        }
    }

    public static void Acknowledged(PareDbContext db, TimeProvider time, Contribution c) => ToSubmitter(db, time, c,
        "Contribution reçue – Réseau PARÉ",
        $"""
        Bonjour,

        Nous avons bien reçu votre proposition « {c.Title} ». La coordination du réseau PARÉ va la relire avant de la
        publier ; vous recevrez un message quand elle aura été examinée.

        Si vous n'êtes pas à l'origine de cet envoi, ignorez ce message.

        La coordination du réseau PARÉ
        """);

    public static void Published(PareDbContext db, TimeProvider time, Contribution c) => ToSubmitter(db, time, c,
        "Contribution publiée – Réseau PARÉ",
        $"""
        Bonjour,

        Votre proposition « {c.Title} » a été relue et publiée par la coordination du réseau PARÉ. Merci pour votre contribution.

        La coordination du réseau PARÉ
        """);

    public static void Refused(PareDbContext db, TimeProvider time, Contribution c, string reason) => ToSubmitter(db, time, c,
        "Contribution non publiée – Réseau PARÉ",
        $"""
        Bonjour,

        Votre proposition « {c.Title} » n'a pas été publiée, pour la raison suivante :

        {reason}

        Vous pouvez répondre à la coordination du réseau pour en savoir plus.

        La coordination du réseau PARÉ
        """);

    public static void Duplicate(PareDbContext db, TimeProvider time, Contribution c, string publishedTitle) => ToSubmitter(db, time, c,
        "Contribution déjà publiée – Réseau PARÉ",
        $"""
        Bonjour,

        Votre proposition « {c.Title} » figure déjà sur la plateforme du réseau PARÉ, sous le titre « {publishedTitle} ».
        Merci pour votre contribution.

        La coordination du réseau PARÉ
        """);

    private static void ToSubmitter(PareDbContext db, TimeProvider time, Contribution c, string subject, string body)
    {
        if (c.SubmitterEmail is { Length: > 0 } to)
        {
            db.QueueMail(time, to, subject, body);
        }
    }


    /// <summary>Published items a pending one may duplicate, newest first (for the moderation's choice).</summary>
    public static Task<List<(int Id, string Title)>> PublishedTitlesAsync(PareDbContext db, ContributionKind kind) =>
        db.Contributions.AsNoTracking().Where(c => c.Status == ContributionStatus.Publiee && c.Kind == kind)
            .OrderByDescending(c => c.Id).Select(c => new ValueTuple<int, string>(c.Id, c.Title)).ToListAsync();
}
