using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;

namespace PareNetwork.Web.ContactRequests;

/// <summary>
/// The e-mails of a contact request. None sent to the requester holds anything of the structure but its public name:
/// the structure decides whether to reply, and replies itself.
/// </summary>
public static class ContactRequestMails
{
    public static void Received(PareDbContext db, TimeProvider time, ContactRequest request, string structureName) => db.QueueMail(time, request.RequesterEmail,
        "Demande de mise en relation reçue – Réseau PARÉ",
        $"""
        Bonjour,

        Nous avons bien reçu votre demande de mise en relation avec « {structureName} ».
        La coordination du réseau PARÉ va la vérifier, puis la transmettre à la structure ou vous dire pourquoi elle ne
        peut pas l'être. Vous recevrez un message dans les deux cas.

        En cas de danger immédiat, appelez le 17 (police), le 112 ou le 119 (enfance en danger).

        La coordination du réseau PARÉ
        """);

    public static void AwaitingReview(PareDbContext db, TimeProvider time, string to, string structureName, string link) => db.QueueMail(time, to,
        "Une demande de mise en relation attend – Réseau PARÉ",
        $"""
        Bonjour,

        Une demande de mise en relation avec « {structureName} » attend votre vérification :

        {link}

        PareNetwork
        """);

    /// <summary>To the structure's private contact: who asks and why; the structure decides whether to answer.</summary>
    public static void ForwardedToStructure(PareDbContext db, TimeProvider time, string to, ContactRequest request, string structureName) => db.QueueMail(time, to,
        "Demande de mise en relation d'un professionnel – Réseau PARÉ",
        $"""
        Bonjour,

        La coordination du réseau PARÉ vous transmet la demande d'un professionnel qui souhaite être mis en relation
        avec « {structureName} ». Elle a vérifié sa qualité ; il ne connaît pas vos coordonnées et ne les recevra pas
        de notre part. C'est à vous de décider si vous lui répondez, et comment.

        Nom : {request.RequesterName}
        Fonction : {request.RequesterRole}
        Structure : {request.RequesterOrganisation}
        Courriel : {request.RequesterEmail}
        Téléphone : {request.RequesterPhone ?? "non indiqué"}

        Situation :
        {request.Situation}

        La coordination du réseau PARÉ
        """);

    public static void Forwarded(PareDbContext db, TimeProvider time, ContactRequest request, string structureName) => db.QueueMail(time, request.RequesterEmail,
        "Votre demande de mise en relation a été transmise – Réseau PARÉ",
        $"""
        Bonjour,

        La coordination du réseau PARÉ a transmis votre demande à « {structureName} ». C'est la structure qui décide
        de vous répondre : si elle le fait, elle vous contactera directement. Pour la sécurité des personnes qu'elle
        accueille, ses coordonnées ne sont pas communiquées.

        La coordination du réseau PARÉ
        """);

    public static void Refused(PareDbContext db, TimeProvider time, ContactRequest request, string structureName, string reason) => db.QueueMail(time, request.RequesterEmail,
        "Votre demande de mise en relation n'a pas été transmise – Réseau PARÉ",
        $"""
        Bonjour,

        La coordination du réseau PARÉ n'a pas transmis votre demande de mise en relation avec « {structureName} »,
        pour la raison suivante :

        {reason}

        Vous pouvez répondre à ce message pour en parler avec la coordination.

        La coordination du réseau PARÉ
        """);
}
