using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper.Configuration.Attributes;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Pages.Shared;
using PareNetwork.Web.Publications;

namespace PareNetwork.Web.Data.Seeding;

/// <summary>
/// Adds the events, news and resources of data-seed/resources.csv that the database never held, published (Source
/// "seed:&lt;files&gt;"). Like the structures, each row's id is remembered in <see cref="SeedKey"/> (prefixed
/// "contribution:"), so an item the coordination deleted does not come back, and a seeded item is never modified.
/// Every row is checked before anything is added; the caller's transaction makes the whole seed all-or-nothing.
/// </summary>
internal static partial class ContributionSeeder
{
    public const string FileName = "resources.csv";

    public const string KeyPrefix = "contribution:";

    public static async Task<int> SeedAsync(PareDbContext db, string dataPath, CancellationToken ct)
    {
        var path = Path.Combine(dataPath, FileName);
        // Optional: a seed folder with only reference data and structures (a fresh deployment, a test) is valid.
        if (!File.Exists(path))
        {
            return 0;
        }
        var remembered = (await db.SeedKeys.Where(k => k.Key.StartsWith(KeyPrefix)).Select(k => k.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var structures = await db.Structures.Where(s => s.ExternalKey != null).ToDictionaryAsync(s => s.ExternalKey!, s => s.Id, StringComparer.Ordinal, ct);
        var seededStructureKeys = (await db.SeedKeys.Select(k => k.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var departements = (await db.Departements.Select(d => d.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = DateTime.UtcNow;
        var toAdd = Read(path, structures, seededStructureKeys, departements, now).Where(r => !remembered.Contains(r.Key)).ToList();
        foreach (var (key, item) in toAdd)
        {
            db.Contributions.Add(item);
            db.SeedKeys.Add(new SeedKey { Key = key, FirstSeenAt = now });
        }
        await db.SaveChangesAsync(ct);
        return toAdd.Count;
    }

    /// <summary>
    /// Reads and checks every row (seed key, contribution); the first bad row throws a <see cref="SeedDataException"/>
    /// naming its line and field. <paramref name="structures"/> maps structure keys to ids; a key in
    /// <paramref name="seededStructureKeys"/> but not there belongs to a structure since merged or deleted: no tie.
    /// </summary>
    internal static List<(string Key, Contribution Item)> Read(
        string path, IReadOnlyDictionary<string, int> structures, IReadOnlySet<string> seededStructureKeys, IReadOnlySet<string> departements, DateTime now)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. CsvFiles.Read<ResourceRow>(path).Select(r => (KeyPrefix + r.Row.Id, ToContribution(r.Line, r.Row, seen, structures, seededStructureKeys, departements, now)))];
    }

    private static Contribution ToContribution(
        long line, ResourceRow row, HashSet<string> seen, IReadOnlyDictionary<string, int> structures, IReadOnlySet<string> seededStructureKeys,
        IReadOnlySet<string> departements, DateTime now)
    {
        SeedDataException Error(string field, string problem) => new(FileName, line, field, problem);
        string? Text(string? value, string field, int max)
        {
            var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            return text is { Length: var length } && length > max ? throw Error(field, $"{length} caractères, {max} au plus.") : text;
        }
        string? Url(string? value, string field)
        {
            var url = Text(value, field, 1000);
            return url is null || Display.WebHref(url) is not null ? url : throw Error(field, $"« {url} » n'est pas une adresse web (http ou https).");
        }
        List<string> List(string? value) => [.. (value ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

        if (row.Id is not { } id || !SlugRegex().IsMatch(id))
        {
            throw Error("id", $"identifiant « {row.Id} » invalide (lettres minuscules, chiffres et tirets).");
        }
        if (!seen.Add(id))
        {
            throw Error("id", $"identifiant « {id} » en double.");
        }
        var kind = PublicationTerms.Kinds.FirstOrDefault(k => k.Code == row.Kind?.Trim()) is { Code: not null } found
            ? found.Kind
            : throw Error("kind", $"type « {row.Kind} » inconnu (evenement, actualite ou ressource).");
        var title = Text(row.Title, "title", 300) ?? throw Error("title", "le titre est obligatoire.");

        int? structureId = null;
        if (Text(row.Structure, "structure", 100) is { } structureKey)
        {
            if (structures.TryGetValue(structureKey, out var sid))
            {
                structureId = sid;
            }
            else if (!seededStructureKeys.Contains(structureKey))
            {
                throw Error("structure", $"structure « {structureKey} » inconnue (l'id d'une ligne de structures.csv).");
            }
        }
        var codes = List(row.Departements);
        if (codes.FirstOrDefault(code => !departements.Contains(code)) is { } unknown)
        {
            throw Error("departements", $"département « {unknown} » inconnu.");
        }

        var (startsAt, startsAllDay) = ParisTime(row.StartsAt, "starts_at", Error);
        var (endsAt, endsAllDay) = ParisTime(row.EndsAt, "ends_at", Error);
        if (kind == ContributionKind.Evenement && startsAt is null)
        {
            throw Error("starts_at", "un événement doit avoir une date de début.");
        }
        if (kind != ContributionKind.Evenement && (startsAt is not null || endsAt is not null))
        {
            throw Error("starts_at", "seul un événement a des dates de début et de fin.");
        }
        if (endsAt is not null && startsAt is null)
        {
            throw Error("ends_at", "une date de fin demande une date de début.");
        }
        if (endsAt is not null && startsAllDay != endsAllDay)
        {
            throw Error("ends_at", "le début et la fin sont tous deux des jours (2023-11-22), ou tous deux des jours et heures (2023-11-22 14:30).");
        }
        if (endsAt is { } end && startsAllDay)
        {
            // A last day, inclusive in the file, becomes the exclusive end of whole days (see EventSchedule).
            endsAt = Display.ParisMidnightUtc(DateOnly.FromDateTime(Display.ParisTime(end)).AddDays(1));
        }
        if (endsAt is { } last && (last < startsAt || (last == startsAt && !startsAllDay)))
        {
            throw Error("ends_at", "la fin doit suivre le début.");
        }

        var online = row.Online?.Trim() switch
        {
            null or "" or "non" => false,
            "oui" => true,
            var other => throw Error("online", $"« {other} » : oui ou non."),
        };
        var resourceKind = Text(row.ResourceKind, "resource_kind", 40);
        if (resourceKind is not null && (kind != ContributionKind.Ressource || PublicationTerms.ResourceKindLabel(resourceKind) is null))
        {
            throw Error("resource_kind", kind != ContributionKind.Ressource
                ? "seule une ressource a un type de ressource."
                : $"type de ressource « {resourceKind} » inconnu ({string.Join(", ", PublicationTerms.ResourceKinds.Select(k => k.Code))}).");
        }
        DateOnly? publishedOn = null;
        if (Text(row.PublishedOn, "published_on", 10) is { } day)
        {
            publishedOn = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw Error("published_on", $"date « {day} » illisible (aaaa-mm-jj).");
        }
        var sources = List(row.Source);
        if (sources.Count == 0)
        {
            throw Error("source", "au moins un fichier source est obligatoire.");
        }

        return new Contribution
        {
            Kind = kind,
            Status = ContributionStatus.Publiee,
            Title = title,
            Text = Text(row.Text, "text", 8000),
            Link = Url(row.Link, "link"),
            StructureId = structureId,
            DepartementCodes = codes,
            Themes = List(row.Themes),
            Audience = Text(row.Audience, "audience", 300),
            StartsAt = startsAt,
            EndsAt = endsAt,
            Place = Text(row.Place, "place", 500),
            Online = online,
            Organiser = Text(row.Organiser, "organiser", 300),
            Speakers = Text(row.Speakers, "speakers", 1000),
            Price = Text(row.Price, "price", 200),
            RegistrationUrl = Url(row.RegistrationUrl, "registration_url"),
            Territory = Text(row.Territory, "territory", 200),
            ResourceKind = resourceKind,
            Author = Text(row.Author, "author", 300),
            PublishedOn = publishedOn,
            SubmittedAt = now,
            Source = Text("seed:" + string.Join('|', sources), "source", 200),
        };
    }

    /// <summary>« 2023-11-14 14:30 » (Paris time) or « 2023-11-14 » (a whole day, from Paris midnight), as UTC.</summary>
    private static (DateTime? Utc, bool AllDay) ParisTime(string? value, string field, Func<string, string, SeedDataException> error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, false);
        }
        var text = value.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (Display.ParisMidnightUtc(day), true);
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (Display.Paris.IsInvalidTime(local))
            {
                throw error(field, $"« {text} » n'existe pas à Paris (passage à l'heure d'été).");
            }
            return (TimeZoneInfo.ConvertTimeToUtc(local, Display.Paris), false);
        }
        throw error(field, $"date « {text} » illisible (aaaa-mm-jj ou aaaa-mm-jj hh:mm, heure de Paris).");
    }

    internal sealed class ResourceRow
    {
        [Name("id")] public string? Id { get; set; }
        [Name("kind")] public string? Kind { get; set; }
        [Name("title")] public string? Title { get; set; }
        [Name("text")] public string? Text { get; set; }
        [Name("link")] public string? Link { get; set; }
        [Name("structure")] public string? Structure { get; set; }
        [Name("departements")] public string? Departements { get; set; }
        [Name("themes")] public string? Themes { get; set; }
        [Name("audience")] public string? Audience { get; set; }
        [Name("starts_at")] public string? StartsAt { get; set; }
        [Name("ends_at")] public string? EndsAt { get; set; }
        [Name("place")] public string? Place { get; set; }
        [Name("online")] public string? Online { get; set; }
        [Name("organiser")] public string? Organiser { get; set; }
        [Name("speakers")] public string? Speakers { get; set; }
        [Name("price")] public string? Price { get; set; }
        [Name("registration_url")] public string? RegistrationUrl { get; set; }
        [Name("territory")] public string? Territory { get; set; }
        [Name("resource_kind")] public string? ResourceKind { get; set; }
        [Name("author")] public string? Author { get; set; }
        [Name("published_on")] public string? PublishedOn { get; set; }
        [Name("source")] public string? Source { get; set; }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugRegex();
}
