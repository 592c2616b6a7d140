namespace PareNetwork.Web.Imports;

/// <summary>
/// The columns of a structures CSV: those of data-seed/structures.csv, then the optional ones the model holds
/// beyond the seed. Names are part of the file format: never rename one.
/// </summary>
public static class StructureCsvColumns
{
    public const string Id = "id";
    public const string Nom = "nom";
    public const string Sigle = "sigle";
    public const string Nature = "nature";
    public const string Actions = "actions";
    public const string Publics = "publics";
    public const string Portee = "portee";
    public const string Departements = "departements";
    public const string CommuneInsee = "commune_insee";
    public const string Adresse = "adresse";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string Telephones = "telephones";
    public const string Email = "email";
    public const string SiteWeb = "site_web";
    public const string ReseauxSociaux = "reseaux_sociaux";
    public const string Horaires = "horaires";
    public const string Confidentiel = "confidentiel";
    public const string Description = "description";
    public const string Source = "source";
    public const string Statut = "statut";
    public const string ContactPriveEmail = "contact_prive_email";
    public const string ContactPriveTelephone = "contact_prive_telephone";
    public const string ContactPriveAdresse = "contact_prive_adresse";
    public const string FrequenceMiseAJourMois = "frequence_mise_a_jour_mois";
    public const string ConfirmeLe = "confirme_le";

    /// <summary>Every column, in the order the writer puts them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Id, Nom, Sigle, Nature, Actions, Publics, Portee, Departements, CommuneInsee, Adresse, Latitude, Longitude,
        Telephones, Email, SiteWeb, ReseauxSociaux, Horaires, Confidentiel, Description, Source,
        Statut, ContactPriveEmail, ContactPriveTelephone, ContactPriveAdresse, FrequenceMiseAJourMois, ConfirmeLe,
    ];

    /// <summary>
    /// Columns a file must have. <c>confidentiel</c> is among them: a file that forgot it must not publish a
    /// shelter's address by default. <c>id</c> is not: a new structure has none yet.
    /// </summary>
    public static IReadOnlyList<string> Required { get; } = [Nom, Nature, Actions, Publics, Portee, Confidentiel];
}
