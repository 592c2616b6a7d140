using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper.Configuration.Attributes;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Data.Seeding;

/// <summary>
/// Adds the structures of data-seed/structures.csv that the database does not hold yet (matched on their id).
/// Existing records are never modified: once seeded, a structure belongs to the people who maintain it.
/// </summary>
internal static partial class StructureSeeder
{
    public const string FileName = "structures.csv";

    public static async Task<int> SeedAsync(PareDbContext db, string dataPath, CancellationToken ct)
    {
        var rows = CsvFiles.Read<StructureRow>(Path.Combine(dataPath, FileName));
        // Every key ever seeded, not only those still in the table: a merged or deleted structure stays gone.
        var remembered = (await db.SeedKeys.Select(k => k.Key).ToListAsync(ct)).ToHashSet();
        var existing = (await db.Structures.Where(s => s.ExternalKey != null).Select(s => s.ExternalKey!).ToListAsync(ct))
            .Concat(remembered)
            .ToHashSet();
        var now = DateTime.UtcNow;
        var departements = await db.Departements.ToDictionaryAsync(d => d.Code, ct);
        var seen = new HashSet<string>();
        var added = 0;

        foreach (var (line, row) in rows)
        {
            var structure = ToStructure(line, row, departements, seen);
            if (existing.Contains(row.Id))
            {
                if (remembered.Add(row.Id))
                {
                    db.SeedKeys.Add(new SeedKey { Key = row.Id, FirstSeenAt = now });
                }
                continue;
            }
            var commune = string.IsNullOrEmpty(row.CommuneInsee) ? null : await db.Communes.FindAsync([row.CommuneInsee], ct)
                ?? throw new SeedDataException(FileName, line, "commune_insee", "code INSEE de commune inconnu.");
            var exact = ParsePoint(line, row);
            structure.PlaceAt(commune, exact);
            db.Structures.Add(structure);
            db.SeedKeys.Add(new SeedKey { Key = row.Id, FirstSeenAt = now });
            remembered.Add(row.Id);
            added++;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    private static Structure ToStructure(long line, StructureRow row, Dictionary<string, Departement> departements, HashSet<string> seen)
    {
        SeedDataException Error(string field, string problem) => new(FileName, line, field, problem);

        if (!SlugRegex().IsMatch(row.Id))
        {
            throw Error("id", $"identifiant « {row.Id} » invalide (lettres minuscules, chiffres et tirets).");
        }
        if (!seen.Add(row.Id))
        {
            throw Error("id", $"identifiant « {row.Id} » en double.");
        }
        if (string.IsNullOrWhiteSpace(row.Nom))
        {
            throw Error("nom", "le nom est obligatoire.");
        }
        if (!Vocabulary.Natures.TryParse(row.Nature, out var nature))
        {
            throw Error("nature", $"valeur « {row.Nature} » inconnue (valeurs admises : {Vocabulary.Natures.CodeList}).");
        }
        if (!Vocabulary.Scopes.TryParse(row.Portee, out var scope))
        {
            throw Error("portee", $"valeur « {row.Portee} » inconnue (valeurs admises : {Vocabulary.Scopes.CodeList}).");
        }

        var actions = ParseList(row.Actions, Vocabulary.Actions, code => Error("actions", $"valeur « {code} » inconnue (valeurs admises : {Vocabulary.Actions.CodeList})."));
        if (actions.Count == 0)
        {
            throw Error("actions", "au moins une action est obligatoire.");
        }
        var publics = ParseList(row.Publics, Vocabulary.Publics, code => Error("publics", $"valeur « {code} » inconnue (valeurs admises : {Vocabulary.Publics.CodeList})."));
        if (publics.Count == 0)
        {
            throw Error("publics", "au moins un public est obligatoire.");
        }

        var served = new List<Departement>();
        foreach (var code in Split(row.Departements))
        {
            served.Add(departements.GetValueOrDefault(code) ?? throw Error("departements", $"département « {code} » inconnu."));
        }
        if (served.Count == 0 && scope != Scope.Nationale)
        {
            throw Error("departements", "une structure non nationale doit servir au moins un département.");
        }

        if (row.Confidentiel is not ("oui" or "non"))
        {
            throw Error("confidentiel", $"valeur « {row.Confidentiel} » invalide (oui ou non).");
        }
        if (!string.IsNullOrEmpty(row.Email) && !row.Email.Contains('@', StringComparison.Ordinal))
        {
            throw Error("email", $"adresse « {row.Email} » invalide.");
        }
        if (!string.IsNullOrEmpty(row.SiteWeb) && !(Uri.TryCreate(row.SiteWeb, UriKind.Absolute, out var site) && site.Scheme is "http" or "https"))
        {
            throw Error("site_web", $"adresse « {row.SiteWeb} » invalide (adresse complète commençant par https:// attendue).");
        }
        // The seed files a row draws on, separated by | like the other lists.
        var sources = Split(row.Source);
        if (sources.Length == 0)
        {
            throw Error("source", "au moins un fichier source est obligatoire.");
        }

        return new Structure
        {
            ExternalKey = row.Id,
            Name = row.Nom,
            Acronym = NullIfEmpty(row.Sigle),
            Nature = nature,
            Actions = actions,
            Publics = publics,
            Scope = scope,
            Departements = served,
            Address = NullIfEmpty(row.Adresse),
            AddressVisibility = row.Confidentiel == "oui" ? AddressVisibility.Confidentielle : AddressVisibility.Publique,
            Phones = [.. Split(row.Telephones)],
            Email = NullIfEmpty(row.Email),
            Website = NullIfEmpty(row.SiteWeb),
            SocialAccounts = [.. Split(row.ReseauxSociaux)],
            OpeningHours = NullIfEmpty(row.Horaires),
            Description = NullIfEmpty(row.Description),
            Status = StructureStatus.Publiee,
            Source = "seed:" + string.Join('|', sources),
        };
    }

    private static NetTopologySuite.Geometries.Point? ParsePoint(long line, StructureRow row)
    {
        if (string.IsNullOrEmpty(row.Latitude) && string.IsNullOrEmpty(row.Longitude))
        {
            return null;
        }
        // The values are not quoted: a shelter's position must not end up in the logs.
        if (!double.TryParse(row.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || !double.IsFinite(lat) || lat is < -90 or > 90)
        {
            throw new SeedDataException(FileName, line, "latitude", "valeur invalide (degrés décimaux entre -90 et 90, point comme séparateur).");
        }
        if (!double.TryParse(row.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || !double.IsFinite(lon) || lon is < -180 or > 180)
        {
            throw new SeedDataException(FileName, line, "longitude", "valeur invalide (degrés décimaux entre -180 et 180, point comme séparateur).");
        }
        return GeoConstants.Point(lat, lon);
    }

    private static List<TEnum> ParseList<TEnum>(string value, Terms<TEnum> terms, Func<string, SeedDataException> error)
        where TEnum : struct, Enum
    {
        var result = new List<TEnum>();
        foreach (var code in Split(value))
        {
            if (!terms.TryParse(code, out var term))
            {
                throw error(code);
            }
            if (!result.Contains(term))
            {
                result.Add(term);
            }
        }
        return result;
    }

    private static string[] Split(string value) =>
        value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugRegex();

    internal sealed class StructureRow
    {
        [Name("id")] public string Id { get; set; } = "";
        [Name("nom")] public string Nom { get; set; } = "";
        [Name("sigle")] public string Sigle { get; set; } = "";
        [Name("nature")] public string Nature { get; set; } = "";
        [Name("actions")] public string Actions { get; set; } = "";
        [Name("publics")] public string Publics { get; set; } = "";
        [Name("portee")] public string Portee { get; set; } = "";
        [Name("departements")] public string Departements { get; set; } = "";
        [Name("commune_insee")] public string CommuneInsee { get; set; } = "";
        [Name("adresse")] public string Adresse { get; set; } = "";
        [Name("latitude")] public string Latitude { get; set; } = "";
        [Name("longitude")] public string Longitude { get; set; } = "";
        [Name("telephones")] public string Telephones { get; set; } = "";
        [Name("email")] public string Email { get; set; } = "";
        [Name("site_web")] public string SiteWeb { get; set; } = "";
        [Name("reseaux_sociaux")] public string ReseauxSociaux { get; set; } = "";
        [Name("horaires")] public string Horaires { get; set; } = "";
        [Name("confidentiel")] public string Confidentiel { get; set; } = "";
        [Name("description")] public string Description { get; set; } = "";
        [Name("source")] public string Source { get; set; } = "";
    }
}
