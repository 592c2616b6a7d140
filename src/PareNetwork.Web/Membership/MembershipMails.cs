using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;

namespace PareNetwork.Web.Membership;

/// <summary>The e-mails of link requests and invitations, added to the outbox of the unit of work that causes them.</summary>
public static class MembershipMails
{
    public static void RequestReceived(PareDbContext db, TimeProvider time, string to, string structureName) => db.QueueMail(time, to,
        "Demande reçue – Réseau PARÉ",
        $"""
        Bonjour,

        Nous avons bien reçu votre demande pour représenter « {structureName} » sur la plateforme du réseau PARÉ.
        La coordination du réseau va l'examiner ; vous recevrez un message dès qu'elle aura été traitée.

        Si vous n'êtes pas à l'origine de cette demande, répondez à la coordination ou ignorez ce message.

        La coordination du réseau PARÉ
        """);

    public static void RequestAccepted(PareDbContext db, TimeProvider time, string to, string structureName, string spaceLink) => db.QueueMail(time, to,
        "Demande acceptée – Réseau PARÉ",
        $"""
        Bonjour,

        Votre demande pour représenter « {structureName} » a été acceptée. Vous pouvez désormais mettre à jour sa fiche
        depuis votre espace :

        {spaceLink}

        La coordination du réseau PARÉ
        """);

    public static void RequestRefused(PareDbContext db, TimeProvider time, string to, string structureName, string reason) => db.QueueMail(time, to,
        "Demande non acceptée – Réseau PARÉ",
        $"""
        Bonjour,

        Votre demande pour représenter « {structureName} » n'a pas été acceptée, pour la raison suivante :

        {reason}

        Vous pouvez répondre à la coordination du réseau pour en savoir plus.

        La coordination du réseau PARÉ
        """);

    public static void Invited(PareDbContext db, TimeProvider time, string to, string structureName, string link, DateTime expiresAt) => db.QueueMail(time, to,
        "Invitation à gérer une structure – Réseau PARÉ",
        $"""
        Bonjour,

        La coordination du réseau PARÉ vous invite à gérer la fiche de « {structureName} » sur la plateforme du réseau.
        Pour accepter, ouvrez ce lien (valable jusqu'au {Pages.Shared.Display.DateAndTime(expiresAt)}, une seule fois) :

        {link}

        Si vous ne connaissez pas cette structure, ignorez ce message.

        La coordination du réseau PARÉ
        """);
}
