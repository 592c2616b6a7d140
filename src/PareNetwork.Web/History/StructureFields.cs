using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.History;

/// <summary>
/// The field codes of a structure's history — stable, French, the columns of data-seed/structures.csv where there is
/// one — and how each value is written: one readable, stable string per value, so that old and new compare as text.
/// </summary>
public static class StructureFields
{
    public const string IdExterne = "id_externe";
    public const string Nom = "nom";
    public const string Sigle = "sigle";
    public const string Nature = "nature";
    public const string Description = "description";
    public const string Actions = "actions";
    public const string Publics = "publics";
    public const string Portee = "portee";
    public const string Departements = "departements";
    public const string Adresse = "adresse";
    public const string Commune = "commune";
    public const string Point = "point";
    public const string Precision = "precision";
    public const string Confidentialite = "confidentialite";
    public const string Telephones = "telephones";
    public const string Email = "email";
    public const string SiteWeb = "site_web";
    public const string ReseauxSociaux = "reseaux_sociaux";
    public const string Horaires = "horaires";
    public const string Statut = "statut";
    public const string Confirmation = "confirmation";
    public const string Source = "source";
    public const string ContactPriveEmail = "contact_prive_email";
    public const string ContactPriveTelephone = "contact_prive_telephone";
    public const string ContactPriveAdresse = "contact_prive_adresse";
    public const string FrequenceMiseAJour = "frequence_mise_a_jour_mois";
    public const string ConfirmePar = "confirme_par";
    public const string FusionneeDans = "fusionnee_dans";
    public const string DemandeAdressePublique = "demande_adresse_publique";
    public const string DemandeAdressePubliquePar = "demande_adresse_publique_par";

    /// <summary>Separates the items of a list value: « prevention|soins », « 67|68 ».</summary>
    public const char ListSeparator = '|';

    /// <summary>Field code of each recorded property of <see cref="Structure"/>.</summary>
    public static readonly FrozenDictionary<string, string> ByProperty = new Dictionary<string, string>
    {
        [nameof(Structure.ExternalKey)] = IdExterne,
        [nameof(Structure.Name)] = Nom,
        [nameof(Structure.Acronym)] = Sigle,
        [nameof(Structure.Nature)] = Nature,
        [nameof(Structure.Description)] = Description,
        [nameof(Structure.Actions)] = Actions,
        [nameof(Structure.Publics)] = Publics,
        [nameof(Structure.Scope)] = Portee,
        [nameof(Structure.Address)] = Adresse,
        [nameof(Structure.CommuneCode)] = Commune,
        [nameof(Structure.Location)] = Point,
        [nameof(Structure.LocationPrecision)] = Precision,
        [nameof(Structure.AddressVisibility)] = Confidentialite,
        [nameof(Structure.Phones)] = Telephones,
        [nameof(Structure.Email)] = Email,
        [nameof(Structure.Website)] = SiteWeb,
        [nameof(Structure.SocialAccounts)] = ReseauxSociaux,
        [nameof(Structure.OpeningHours)] = Horaires,
        [nameof(Structure.Status)] = Statut,
        [nameof(Structure.ConfirmedAt)] = Confirmation,
        [nameof(Structure.Source)] = Source,
        [nameof(Structure.PrivateEmail)] = ContactPriveEmail,
        [nameof(Structure.PrivatePhone)] = ContactPriveTelephone,
        [nameof(Structure.PrivateAddress)] = ContactPriveAdresse,
        [nameof(Structure.UpdateFrequencyMonths)] = FrequenceMiseAJour,
        [nameof(Structure.ConfirmedBy)] = ConfirmePar,
        [nameof(Structure.MergedIntoId)] = FusionneeDans,
        [nameof(Structure.PublicAddressRequestedAt)] = DemandeAdressePublique,
        [nameof(Structure.PublicAddressRequestedBy)] = DemandeAdressePubliquePar,
    }.ToFrozenDictionary();

    /// <summary>Technical properties, never recorded: the key, the timestamps of the row and its concurrency token.</summary>
    public static readonly FrozenSet<string> NotRecorded = FrozenSet.Create(
        nameof(Structure.Id), nameof(Structure.CreatedAt), nameof(Structure.UpdatedAt), nameof(Structure.Version));

    /// <summary>
    /// The field code of a property, or null for a technical one. A property added to <see cref="Structure"/> and
    /// not classified here is still recorded, under its C# name (and a test fails until it is classified).
    /// </summary>
    public static string? ForProperty(string propertyName) =>
        NotRecorded.Contains(propertyName) ? null : ByProperty.GetValueOrDefault(propertyName, propertyName);

    /// <summary>
    /// A value as the history writes it: text as is; vocabulary terms by their code (« ligne-ecoute »), other enums
    /// in kebab case (« en-attente »); lists joined by « | » in their order, codes for terms; a point as « lat,lon »
    /// rounded to 6 decimals; a time in ISO 8601 UTC. Empty text and empty lists are null: no value.
    /// </summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        Point point => FormattableString.Invariant($"{point.Y:0.######},{point.X:0.######}"),
        DateTime time => (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture),
        Enum term => Code(term),
        bool flag => flag ? "oui" : "non",
        IEnumerable list => Join(list.Cast<object?>().Select(item => Format(item) ?? "")),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The départements served, as a set: codes in ordinal order (« 2A|2B|67 »), null when none.</summary>
    public static string? FormatDepartements(IEnumerable<string> codes) => Join(codes.Distinct().Order(StringComparer.Ordinal));

    private static string? Join(IEnumerable<string> items)
    {
        var joined = string.Join(ListSeparator, items);
        return joined.Length == 0 ? null : joined;
    }

    private static string Code(Enum term) => term switch
    {
        StructureAction action => Vocabulary.Actions.Code(action),
        StructurePublic audience => Vocabulary.Publics.Code(audience),
        StructureNature nature => Vocabulary.Natures.Code(nature),
        Scope scope => Vocabulary.Scopes.Code(scope),
        LocationPrecision precision => Vocabulary.Precisions.Code(precision),
        _ => KebabCase(term.ToString()),
    };

    /// <summary>"EnAttente" → "en-attente".</summary>
    private static string KebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
