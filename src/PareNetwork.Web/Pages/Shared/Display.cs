using System.Globalization;
using System.Text.Json;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Pages.Shared;

/// <summary>French display formats shared by the pages; wwwroot/js/format.js mirrors them for the map.</summary>
public static class Display
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static readonly TimeZoneInfo? Paris = FindParis();

    /// <summary>"0 structure", "1 structure", "34 structures": French puts 0 and 1 in the singular. No thousands separator, so the text starts with a plain number.</summary>
    public static string Count(int count, string singular, string plural) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count <= 1 ? singular : plural)}";

    public static string Distance(double km) => $"{km.ToString("0.0", French)} km";

    public static string Number(long value) => value.ToString("N0", French);

    /// <summary>"1er mars 2026", "12 mars 2026", in Paris time.</summary>
    public static string Date(DateTime value)
    {
        var local = value.Kind == DateTimeKind.Utc && Paris is not null ? TimeZoneInfo.ConvertTimeFromUtc(value, Paris) : value;
        var day = local.Day == 1 ? "1er" : local.Day.ToString(CultureInfo.InvariantCulture);
        return $"{day} {local.ToString("MMMM yyyy", French)}";
    }

    /// <summary>A website as a link target: an absolute http(s) URL, else null (the address is then shown as plain text).</summary>
    public static string? WebHref(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
            ? uri.AbsoluteUri
            : null;

    public static string TelHref(string phone) => "tel:" + new string([.. phone.Where(c => char.IsAsciiDigit(c) || c == '+')]);

    /// <summary>The host of a website without "www.", short enough for a list; print styles show the full address.</summary>
    public static string WebsiteLabel(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host : url;

    public static string DepartementLabel(DepartementInfo d) => $"{d.Name} ({d.Code})";

    /// <summary>Where a structure works, in a few words: "Mulhouse – Haut-Rhin (68)", "Bretagne", "Toute la France".</summary>
    public static string Area(PublicStructure s, GeoReference geo)
    {
        var departements = s.DepartementCodes.Select(c => geo.DepartementsByCode.GetValueOrDefault(c)).OfType<DepartementInfo>().ToList();
        var area = s.Scope switch
        {
            Scope.Nationale => "Toute la France",
            Scope.Regionale when departements.Count > 0 => string.Join(", ", departements.Select(d => d.RegionName).Distinct()),
            _ => string.Join(", ", departements.Select(DepartementLabel)),
        };
        return s.CommuneName is { } commune ? $"{commune} – {area}" : area;
    }

    public static string Labels<T>(IEnumerable<T> values, Terms<T> terms) where T : struct, Enum =>
        string.Join(", ", values.Select(terms.Label));

    /// <summary>The group of a structure in a list that is not a help search: the groups of <see cref="HelpSearch"/> minus "proche".</summary>
    public static string GroupOf(PublicStructure s) => s.IsLocal ? HelpSearch.LocalGroup : HelpSearch.WiderGroup;

    /// <summary>The headings of the groups of a help search, in display order; the local one names the département searched.</summary>
    public static IReadOnlyDictionary<string, string> GroupHeadings(HelpSearch search) => SearchHeadings(DepartementLabel(search.Departement));

    /// <summary>The headings of the groups on a département's own page: it names the département already, and has no nearby group.</summary>
    public static IReadOnlyDictionary<string, string> DepartementPageHeadings { get; } = new Dictionary<string, string>
    {
        [HelpSearch.LocalGroup] = LocalHeading,
        [HelpSearch.WiderGroup] = WiderHeading,
    };

    /// <summary>For the scripts, which search other places without reloading: "{departement}" stands for the département's label.</summary>
    public const string DepartementPlaceholder = "{departement}";

    private const string LocalHeading = "Dans le département";
    private const string WiderHeading = "Au niveau régional et national";

    private static Dictionary<string, string> SearchHeadings(string departementLabel) => new()
    {
        [HelpSearch.LocalGroup] = $"{LocalHeading} : {departementLabel}",
        [HelpSearch.NearbyGroup] = $"À proximité, dans un autre département (moins de {HelpSearch.NearbyRadiusKm.ToString("0", CultureInfo.InvariantCulture)} km)",
        [HelpSearch.WiderGroup] = WiderHeading,
    };

    /// <summary>
    /// What the scripts of the map need from the server, so that it is said once: the French labels of the
    /// vocabularies by code, the group of each scope ("portee") in a list that is not a help search, and the
    /// headings of the help-search groups, with <see cref="DepartementPlaceholder"/> for the département searched.
    /// </summary>
    public static string VocabularyJson() => JsonSerializer.Serialize(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["actions"] = Vocabulary.Actions.All.ToDictionary(t => t.Code, t => t.Label),
        ["publics"] = Vocabulary.Publics.All.ToDictionary(t => t.Code, t => t.Label),
        ["natures"] = Vocabulary.Natures.All.ToDictionary(t => t.Code, t => t.Label),
        ["portees"] = Vocabulary.Scopes.All.ToDictionary(t => t.Code, t => t.Label),
        ["groupe_par_portee"] = Vocabulary.Scopes.All.ToDictionary(t => t.Code, t => PublicStructure.IsLocalScope(t.Value) ? HelpSearch.LocalGroup : HelpSearch.WiderGroup),
        ["titres_groupes"] = SearchHeadings(DepartementPlaceholder),
    });

    private static TimeZoneInfo? FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
    }
}
