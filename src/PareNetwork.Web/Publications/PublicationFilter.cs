using System.Globalization;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Publications;

/// <summary>
/// The filters of the resource centre and the agenda, read from the query string (a GET form: the pages work without
/// JavaScript and a filtered page is a link). A territory filter keeps the items tied to that département or to a
/// département of that région; national items (no département) are not « in » a territory.
/// </summary>
public sealed record PublicationFilter(
    string? Type = null,
    string? Theme = null,
    string? Region = null,
    string? Departement = null,
    string? Audience = null,
    int? Year = null,
    string? Text = null)
{
    /// <summary>The query parameters, in the order of the form (links, cache keys).</summary>
    public static readonly string[] Parameters = ["q", "type", "theme", "region", "departement", "public", "annee"];

    private readonly string[] _words = GeoReference.Normalize(Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsEmpty => this == new PublicationFilter();

    public bool Matches(PublicItem item, GeoReference geo) =>
        MatchesType(item)
        && (Theme is null || item.Themes.Any(t => GeoReference.Normalize(t) == GeoReference.Normalize(Theme)))
        && (Departement is null || item.DepartementCodes.Contains(Departement))
        && (Region is null || item.DepartementCodes.Any(code => geo.DepartementsByCode.GetValueOrDefault(code)?.RegionCode == Region))
        && (Audience is null || PublicationTerms.AudienceMatches(item.Audience, Audience))
        && (Year is null || item.Year == Year)
        && _words.All(word => item.SearchKey.Contains(word, StringComparison.Ordinal));

    private bool MatchesType(PublicItem item) => Type switch
    {
        null => true,
        "actualite" => item.Kind == ContributionKind.Actualite,
        "ressource" => item.Kind == ContributionKind.Ressource,
        "evenement" => item.Kind == ContributionKind.Evenement,
        var resourceKind => item.Kind == ContributionKind.Ressource && item.ResourceKind == resourceKind,
    };

    /// <summary>The query string of this filter (without the page), in a stable order.</summary>
    public string ToQueryString()
    {
        var values = new (string Name, string? Value)[]
        {
            ("q", Text), ("type", Type), ("theme", Theme), ("region", Region), ("departement", Departement),
            ("public", Audience), ("annee", Year?.ToString(CultureInfo.InvariantCulture)),
        };
        var parts = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The active criteria in words, for the screen.</summary>
    public IReadOnlyList<string> Describe(GeoReference geo)
    {
        var criteria = new List<string>();
        if (Text is { } text)
        {
            criteria.Add($"Recherche : « {text} »");
        }
        if (Type is { } type)
        {
            criteria.Add($"Type : {TypeLabel(type)}");
        }
        if (Theme is { } theme)
        {
            criteria.Add($"Thème : {theme}");
        }
        if (Region is { } region)
        {
            criteria.Add($"Région : {geo.Departements.First(d => d.RegionCode == region).RegionName}");
        }
        if (Departement is { } departement)
        {
            criteria.Add($"Département : {geo.DepartementsByCode[departement].Name} ({departement})");
        }
        if (Audience is { } audience)
        {
            criteria.Add($"Public : {PublicationTerms.Audiences.First(a => a.Code == audience).Label}");
        }
        if (Year is { } year)
        {
            criteria.Add($"Année : {year.ToString(CultureInfo.InvariantCulture)}");
        }
        return criteria;
    }

    /// <summary>Every value the type filter accepts: the three kinds, then the kinds of resource.</summary>
    public static IReadOnlyList<(string Code, string Label)> Types =>
        [.. PublicationTerms.Kinds.Select(k => (k.Code, k.Plural)), .. PublicationTerms.ResourceKinds.Select(k => (k.Code, $"Ressources : {k.Label.ToLower(CultureInfo.GetCultureInfo("fr-FR"))}"))];

    private static string TypeLabel(string code) => Types.First(t => t.Code == code).Label;

    /// <summary>Reads the filter; an unknown value is ignored with a French message keyed by its parameter.</summary>
    public static (PublicationFilter Filter, Dictionary<string, string> Errors) Parse(IQueryCollection query, GeoReference geo, PublicationSnapshot snapshot)
    {
        var errors = new Dictionary<string, string>();
        string? Value(string name) => query[name].ToString().Trim() is { Length: > 0 } v ? v : null;

        string? Known(string name, string label, Func<string, string?> find)
        {
            if (Value(name) is not { } value)
            {
                return null;
            }
            if (find(value) is { } found)
            {
                return found;
            }
            errors[name] = $"{label} « {Shorten(value)} » inconnu : ce filtre a été ignoré.";
            return null;
        }

        var type = Known("type", "Type", v => Types.Any(t => t.Code == v) ? v : null);
        var theme = Known("theme", "Thème", v => snapshot.Themes.FirstOrDefault(t => GeoReference.Normalize(t) == GeoReference.Normalize(v)));
        var region = Known("region", "Région", v => geo.Departements.Any(d => d.RegionCode == v) ? v : null);
        var departement = Known("departement", "Département", v => geo.DepartementsByCode.ContainsKey(v.ToUpperInvariant()) ? v.ToUpperInvariant() : null);
        var audience = Known("public", "Public", v => PublicationTerms.Audiences.Any(a => a.Code == v) ? v : null);
        int? year = null;
        if (Value("annee") is { } yearText)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1900 and <= 2200)
            {
                year = parsed;
            }
            else
            {
                errors["annee"] = $"Année « {Shorten(yearText)} » illisible (quatre chiffres, par exemple 2023) : ce filtre a été ignoré.";
            }
        }
        var text = Value("q");
        if (text is { Length: > 100 })
        {
            errors["q"] = "La recherche est limitée à 100 caractères : seuls les 100 premiers ont été pris en compte.";
            text = text[..100];
        }
        return (new PublicationFilter(type, theme, region, departement, audience, year, text), errors);
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
