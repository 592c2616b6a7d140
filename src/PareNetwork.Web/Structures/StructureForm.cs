using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Structures;

/// <summary>
/// The edit form of a structure, shared by the member space and the back office: what a person may set, validated
/// with French messages, applied to the entity by <see cref="ApplyToAsync"/>. Status, update frequency and the
/// coordination's decisions are not here: a member cannot post them, whatever the request holds.
/// </summary>
public sealed class StructureForm
{
    [Required(ErrorMessage = "Le nom est obligatoire.")]
    [StringLength(300, ErrorMessage = "300 caractères au plus.")]
    [Display(Name = "Nom")]
    public string Name { get; set; } = "";

    [StringLength(50, ErrorMessage = "50 caractères au plus.")]
    [Display(Name = "Sigle")]
    public string? Acronym { get; set; }

    [Display(Name = "Type de structure")]
    public string Nature { get; set; } = "association";

    [StringLength(4000, ErrorMessage = "4 000 caractères au plus.")]
    [Display(Name = "Présentation")]
    public string? Description { get; set; }

    [Display(Name = "Actions")]
    public List<string> Actions { get; set; } = [];

    [Display(Name = "Publics")]
    public List<string> Publics { get; set; } = [];

    [Display(Name = "Portée")]
    public string Scope { get; set; } = "locale";

    [Display(Name = "Départements servis")]
    public List<string> Departements { get; set; } = [];

    [StringLength(300, ErrorMessage = "300 caractères au plus.")]
    [Display(Name = "Adresse")]
    public string? Address { get; set; }

    /// <summary>The commune as its INSEE code, or as typed (a name, a postal code, a suggestion's label).</summary>
    [StringLength(100, ErrorMessage = "100 caractères au plus.")]
    [Display(Name = "Commune")]
    public string? Commune { get; set; }

    /// <summary>An exact position (decimal point or comma); empty: the commune's centre.</summary>
    [Display(Name = "Latitude")]
    public string? Latitude { get; set; }

    [Display(Name = "Longitude")]
    public string? Longitude { get; set; }

    [Display(Name = "Adresse confidentielle (lieu d'accueil)")]
    public bool Confidential { get; set; }

    [StringLength(500, ErrorMessage = "500 caractères au plus.")]
    [Display(Name = "Téléphones publics (un par ligne)")]
    public string? Phones { get; set; }

    [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
    [StringLength(254, ErrorMessage = "254 caractères au plus.")]
    [Display(Name = "Courriel public")]
    public string? Email { get; set; }

    [StringLength(500, ErrorMessage = "500 caractères au plus.")]
    [Display(Name = "Site web")]
    public string? Website { get; set; }

    [StringLength(1000, ErrorMessage = "1 000 caractères au plus.")]
    [Display(Name = "Réseaux sociaux (réseau:compte, un par ligne)")]
    public string? SocialAccounts { get; set; }

    [StringLength(500, ErrorMessage = "500 caractères au plus.")]
    [Display(Name = "Horaires")]
    public string? OpeningHours { get; set; }

    [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
    [StringLength(254, ErrorMessage = "254 caractères au plus.")]
    [Display(Name = "Courriel privé (coordination seulement)")]
    public string? PrivateEmail { get; set; }

    [StringLength(50, ErrorMessage = "50 caractères au plus.")]
    [Display(Name = "Téléphone direct privé")]
    public string? PrivatePhone { get; set; }

    [StringLength(300, ErrorMessage = "300 caractères au plus.")]
    [Display(Name = "Adresse privée (si différente)")]
    public string? PrivateAddress { get; set; }

    /// <summary>The concurrency token the person started from.</summary>
    public Guid Version { get; set; }

    /// <summary>When the person opened the form (UTC ticks): the changes made since are shown on a conflict.</summary>
    public long OpenedAt { get; set; }

    public static StructureForm From(Structure s, DateTime now) => new()
    {
        Name = s.Name,
        Acronym = s.Acronym,
        Nature = Vocabulary.Natures.Code(s.Nature),
        Description = s.Description,
        Actions = [.. s.Actions.Select(Vocabulary.Actions.Code)],
        Publics = [.. s.Publics.Select(Vocabulary.Publics.Code)],
        Scope = Vocabulary.Scopes.Code(s.Scope),
        Departements = [.. s.Departements.Select(d => d.Code).Order(StringComparer.Ordinal)],
        Address = s.Address,
        Commune = s.CommuneCode,
        Latitude = s.LocationPrecision == LocationPrecision.Adresse ? s.Location?.Y.ToString("0.######", CultureInfo.InvariantCulture) : null,
        Longitude = s.LocationPrecision == LocationPrecision.Adresse ? s.Location?.X.ToString("0.######", CultureInfo.InvariantCulture) : null,
        // A pending request to publish the address shows as unticked: saving the form again keeps the request.
        Confidential = s.IsConfidential && !s.HasPendingPublicAddressRequest,
        Phones = string.Join('\n', s.Phones),
        Email = s.Email,
        Website = s.Website,
        SocialAccounts = string.Join('\n', s.SocialAccounts),
        OpeningHours = s.OpeningHours,
        PrivateEmail = s.PrivateEmail,
        PrivatePhone = s.PrivatePhone,
        PrivateAddress = s.PrivateAddress,
        Version = s.Version,
        OpenedAt = now.Ticks,
    };

    /// <summary>
    /// Validates what the model binder cannot (vocabularies, départements, commune, coordinates) and applies the form
    /// to the structure. Errors are keyed by property name (prefix them for ModelState); nothing is applied when
    /// there is one. Making the address public is only requested: the coordination approves it.
    /// </summary>
    public async Task<Dictionary<string, string>> ApplyToAsync(Structure s, PareDbContext db, GeoReference geo, DateTime now, string by)
    {
        var errors = new Dictionary<string, string>();
        if (!Vocabulary.Natures.TryParse(Nature, out var nature))
        {
            errors[nameof(Nature)] = "Choisissez un type de structure.";
        }
        if (!Vocabulary.Scopes.TryParse(Scope, out var scope))
        {
            errors[nameof(Scope)] = "Choisissez une portée.";
        }
        var actions = Terms(Actions, Vocabulary.Actions, nameof(Actions), errors);
        var publics = Terms(Publics, Vocabulary.Publics, nameof(Publics), errors);
        if (actions.Count == 0 && !errors.ContainsKey(nameof(Actions)))
        {
            errors[nameof(Actions)] = "Cochez au moins une action.";
        }
        var codes = Departements.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        if (codes.FirstOrDefault(c => !geo.DepartementsByCode.ContainsKey(c)) is { } unknown)
        {
            errors[nameof(Departements)] = $"Département « {unknown} » inconnu.";
        }
        else if (codes.Count == 0 && scope != Domain.Scope.Nationale)
        {
            errors[nameof(Departements)] = "Indiquez au moins un département servi.";
        }

        CommuneInfo? commune = null;
        if (!string.IsNullOrWhiteSpace(Commune))
        {
            commune = geo.CommunesByCode.GetValueOrDefault(Commune.Trim().ToUpperInvariant())
                ?? Pages.Shared.StructureResults.ResolveCommune(Commune.Trim(), geo, typed: true).Commune;
            if (commune is null)
            {
                errors[nameof(Commune)] = "Commune introuvable : choisissez-la dans la liste proposée.";
            }
        }
        var (hasPoint, lat, lon) = (false, 0d, 0d);
        if (!string.IsNullOrWhiteSpace(Latitude) || !string.IsNullOrWhiteSpace(Longitude))
        {
            if (!Coordinate(Latitude, 90, out lat))
            {
                errors[nameof(Latitude)] = "Latitude invalide : un nombre entre -90 et 90 (par exemple 47,75).";
            }
            if (!Coordinate(Longitude, 180, out lon))
            {
                errors[nameof(Longitude)] = "Longitude invalide : un nombre entre -180 et 180 (par exemple 7,34).";
            }
            hasPoint = true;
        }
        if (hasPoint && !errors.ContainsKey(nameof(Latitude)) && !errors.ContainsKey(nameof(Longitude)) && geo.DepartementAt(lat, lon) is null && geo.NearestCommunes(lat, lon, 1)[0].DistanceKm > 20)
        {
            errors[nameof(Latitude)] = "Cette position n'est pas en France.";
        }
        var website = string.IsNullOrWhiteSpace(Website) ? null : Website.Trim();
        if (website is not null && Pages.Shared.Display.WebHref(website) is null)
        {
            errors[nameof(Website)] = "Adresse complète attendue, commençant par https://.";
        }
        var socialAccounts = Lines(SocialAccounts);
        if (socialAccounts.FirstOrDefault(a => a.Split(':', 2) is not [{ Length: > 0 }, { Length: > 0 }]) is { } badAccount)
        {
            errors[nameof(SocialAccounts)] = $"« {badAccount} » : écrivez réseau:compte, par exemple instagram:association.";
        }
        if (errors.Count > 0)
        {
            return errors;
        }

        s.Name = Name.Trim();
        s.Acronym = Clean(Acronym);
        s.Nature = nature;
        s.Description = Clean(Description);
        s.Actions = actions;
        s.Publics = publics;
        s.Scope = scope;
        var wanted = codes.ToHashSet(StringComparer.Ordinal);
        if (!s.Departements.Select(d => d.Code).ToHashSet(StringComparer.Ordinal).SetEquals(wanted))
        {
            s.ServeOnly(await db.Departements.Where(d => wanted.Contains(d.Code)).ToListAsync());
        }
        s.Address = Clean(Address);
        var communeEntity = commune is null ? null : await db.Communes.FindAsync(commune.Code);
        s.PlaceAt(communeEntity, hasPoint ? GeoConstants.Point(lat, lon) : null);
        s.SetConfidentiality(Confidential, now, by);
        s.Phones = Lines(Phones);
        s.Email = Clean(Email);
        s.Website = website;
        s.SocialAccounts = socialAccounts;
        s.OpeningHours = Clean(OpeningHours);
        s.PrivateEmail = Clean(PrivateEmail);
        s.PrivatePhone = Clean(PrivatePhone);
        s.PrivateAddress = Clean(PrivateAddress);
        return errors;
    }

    private static List<T> Terms<T>(List<string> codes, Terms<T> terms, string field, Dictionary<string, string> errors) where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var code in codes.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (terms.TryParse(code, out var value))
            {
                if (!values.Contains(value))
                {
                    values.Add(value);
                }
            }
            else
            {
                errors[field] = $"Valeur « {code} » inconnue.";
            }
        }
        return values;
    }

    private static bool Coordinate(string? text, double bound, out double value) =>
        double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && Math.Abs(value) <= bound;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
