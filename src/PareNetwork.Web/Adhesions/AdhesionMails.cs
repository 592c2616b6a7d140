using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;

namespace PareNetwork.Web.Adhesions;

/// <summary>The e-mails of « Rejoindre le réseau »: each step of the review tells the applicant.</summary>
public static class AdhesionMails
{
    public static void Received(PareDbContext db, TimeProvider time, string to, string structureName) => db.QueueMail(time, to,
        "Demande d'adhésion reçue – Réseau PARÉ",
        $"""
        Bonjour,

        Nous avons bien reçu la demande d'adhésion de « {structureName} » au réseau PARÉ. La coordination du réseau
        va l'examiner ; vous recevrez un message à chaque étape.

        La coordination du réseau PARÉ
        """);

    public static void AwaitingReview(PareDbContext db, TimeProvider time, string to, string structureName, string link) => db.QueueMail(time, to,
        "Une demande d'adhésion attend – Réseau PARÉ",
        $"""
        Bonjour,

        La demande d'adhésion de « {structureName} » attend votre examen :

        {link}

        PareNetwork
        """);

    public static void InformationRequested(PareDbContext db, TimeProvider time, string to, string structureName, string question) => db.QueueMail(time, to,
        "Demande d'adhésion : une précision, s'il vous plaît – Réseau PARÉ",
        $"""
        Bonjour,

        Pour examiner la demande d'adhésion de « {structureName} », la coordination du réseau PARÉ a besoin d'une
        précision :

        {question}

        Répondez simplement à ce message.

        La coordination du réseau PARÉ
        """);

    public static void Accepted(PareDbContext db, TimeProvider time, string to, string structureName, string link, string linkLabel) => db.QueueMail(time, to,
        "Bienvenue dans le réseau PARÉ",
        $"""
        Bonjour,

        La demande d'adhésion de « {structureName} » est acceptée : bienvenue dans le réseau PARÉ.
        {linkLabel}

        {link}

        La coordination du réseau PARÉ
        """);

    public static void Refused(PareDbContext db, TimeProvider time, string to, string structureName, string reason) => db.QueueMail(time, to,
        "Demande d'adhésion non acceptée – Réseau PARÉ",
        $"""
        Bonjour,

        La demande d'adhésion de « {structureName} » au réseau PARÉ n'a pas été acceptée, pour la raison suivante :

        {reason}

        Vous pouvez répondre à ce message pour en parler avec la coordination.

        La coordination du réseau PARÉ
        """);
}
