namespace PareNetwork.Web.Newsletter;

/// <summary>
/// The fields of the PARÉ newsletter form (« Vous êtes : Identité » — civilité, prénom, nom —, « Vous travaillez pour :
/// Type de structure », e-mail address) and the consent it asks for. The wording is stored with each request: change
/// it only with a new <see cref="ConsentVersion"/>.
/// </summary>
public static class NewsletterForm
{
    public const string ConsentVersion = "newsletter-2026-01";

    public const string ConsentWording =
        "J'accepte que la Fondation Droit d'Enfance, coordinatrice du réseau PARÉ, utilise mon adresse électronique pour m'envoyer la newsletter trimestrielle du réseau PARÉ. Je peux me désinscrire à tout moment par le lien présent dans chaque message.";

    /// <summary>Optional: a civility is not needed to send a newsletter (data minimisation), so « non précisée » is offered and first.</summary>
    public static IReadOnlyList<(string Code, string Label)> Civilities { get; } =
    [
        ("", "Non précisée"),
        ("madame", "Madame"),
        ("monsieur", "Monsieur"),
    ];

    /// <summary>The seed form names the question (« Type de structure », required) but not its choices: these are the network's.</summary>
    public static IReadOnlyList<(string Code, string Label)> StructureTypes { get; } =
    [
        ("association", "Association ou fondation"),
        ("protection-enfance", "Établissement ou service de protection de l'enfance (ASE, PJJ)"),
        ("service-etat", "Service de l'État"),
        ("collectivite", "Collectivité territoriale"),
        ("education", "Éducation nationale ou enseignement"),
        ("sante", "Établissement ou professionnel de santé"),
        ("justice", "Justice"),
        ("police", "Police / gendarmerie"),
        ("ligne-ecoute", "Ligne d'écoute"),
        ("recherche", "Recherche ou formation"),
        ("autre", "Autre"),
    ];

    public static string CivilityLabel(string code) => Civilities.FirstOrDefault(c => c.Code == code).Label ?? "";

    public static string StructureTypeLabel(string code) => StructureTypes.FirstOrDefault(t => t.Code == code).Label ?? "";

    /// <summary>A submission once validated.</summary>
    public sealed record Entry(string Civility, string FirstName, string LastName, string StructureType, string Email);
}
