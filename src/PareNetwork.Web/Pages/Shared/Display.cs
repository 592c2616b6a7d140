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

    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// "aucune structure", "1 structure", "34 structures": French puts 1 in the singular and says « aucune » for 0.
    /// Above zero the text starts with a plain number (no thousands separator).
    /// </summary>
    public static string Count(int count, string singular, string plural, bool feminine = true) => count switch
    {
        <= 0 => $"{(feminine ? "aucune" : "aucun")} {singular}",
        1 => $"1 {singular}",
        _ => $"{count.ToString(CultureInfo.InvariantCulture)} {plural}",
    };

    /// <summary>
    /// A count and its verb, agreed: "aucune structure n'intervient", "1 structure intervient",
    /// "3 structures interviennent" — the negation « ne » that « aucune » needs is elided before a vowel.
    /// </summary>
    public static string CountWithVerb(int count, string singular, string plural, string verbSingular, string verbPlural, bool feminine = true) =>
        count <= 0
            ? $"{Count(0, singular, plural, feminine)} {Elide("ne", verbSingular)}"
            : $"{Count(count, singular, plural, feminine)} {(count == 1 ? verbSingular : verbPlural)}";

    /// <summary>The first letter in upper case, for a count that opens a sentence ("Aucune structure…").</summary>
    public static string Capitalized(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], French) + text[1..];

    /// <summary>"autour de Mulhouse", "autour d'Amiens", "autour du Havre", "autour des Mureaux".</summary>
    public static string Around(string place) => "autour " + Of(place);

    /// <summary>
    /// The preposition « de » before a place name, as French writes it: elided before a vowel or a mute h
    /// ("d'Évry-Courcouronnes", "d'Hyères"), contracted with the article of a name ("du Havre", "des Mureaux"),
    /// kept before « La » and an aspirated h ("de La Rochelle", "de Haguenau").
    /// </summary>
    public static string Of(string place)
    {
        if (place.StartsWith("Le ", StringComparison.Ordinal))
        {
            return "du " + place[3..];
        }
        if (place.StartsWith("Les ", StringComparison.Ordinal))
        {
            return "des " + place[4..];
        }
        return Elide("de", place);
    }

    /// <summary>"de" + "Amiens" → "d'Amiens", "ne" + "intervient" → "n'intervient", "de" + "Lyon" → "de Lyon".</summary>
    public static string Elide(string word, string next) =>
        StartsWithVowelSound(next) ? $"{word[..^1]}'{next}" : $"{word} {next}";

    /// <summary>
    /// Vowels (accented or not) and « y » before a consonant ("Yvetot") call for elision; an h does only in the
    /// names listed here, whose h is mute — every other h is treated as aspirated ("de Haguenau", "de Honfleur").
    /// </summary>
    public static bool StartsWithVowelSound(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        var letters = GeoReference.Normalize(text);
        if (letters.Length == 0)
        {
            return false;
        }
        return letters[0] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => true,
            'y' => letters.Length > 1 && !IsVowel(letters[1]),
            'h' => MuteH.Any(prefix => letters.StartsWith(prefix, StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>Words and commune names whose h is mute, normalized (see <see cref="GeoReference.Normalize"/>).</summary>
    private static readonly string[] MuteH =
        ["hyeres", "henin", "herouville", "herblay", "hellemmes", "hebergement", "heure", "habit", "homme", "hopital", "hotel", "humain", "histoire", "hiver", "horaire"];

    /// <summary>
    /// How far a structure is from a searched commune, without false precision: the search starts at the commune's
    /// centre, so a structure of that same commune is « dans la commune » and any other is « ≈ n km » (whole km).
    /// </summary>
    public static string Distance(double km, bool sameCommune) =>
        sameCommune ? "dans la commune" : $"≈\u00A0{Math.Max(1, Math.Round(km, MidpointRounding.AwayFromZero)).ToString("0", French)}\u00A0km";

    public static string Number(long value) => value.ToString("N0", French);

    /// <summary>"1er mars 2026", "12 mars 2026", in Paris time.</summary>
    public static string Date(DateTime value)
    {
        var local = ParisTime(value);
        var day = local.Day == 1 ? "1er" : local.Day.ToString(CultureInfo.InvariantCulture);
        return $"{day} {local.ToString("MMMM yyyy", French)}";
    }

    /// <summary>"le 3 mars 2026 à 14 h 05", in Paris time.</summary>
    public static string DateAndTime(DateTime value)
    {
        var local = ParisTime(value);
        return $"{Date(value)} à {local.Hour.ToString(CultureInfo.InvariantCulture)} h {local.Minute.ToString("00", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Every stored time is UTC; one marked otherwise (a SQLite value read without its kind) is taken as UTC too.</summary>
    public static DateTime ParisTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeFromUtc(utc, Paris);
    }

    /// <summary>Midnight in Paris at the start of <paramref name="day"/>, as a UTC time (filters by day, confirmation days).</summary>
    public static DateTime ParisMidnightUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Paris);

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

    private const string LocalHeading = "Dans le département";
    private const string WiderHeading = "Au niveau régional et national";

    private static Dictionary<string, string> SearchHeadings(string departementLabel) => new()
    {
        [HelpSearch.LocalGroup] = $"{LocalHeading} : {departementLabel}",
        [HelpSearch.NearbyGroup] = $"À proximité, dans un autre département (moins de {HelpSearch.NearbyRadiusKm.ToString("0", CultureInfo.InvariantCulture)} km)",
        [HelpSearch.WiderGroup] = WiderHeading,
    };

    /// <summary>The French labels of the vocabularies by code, for the map's popups (the list itself is the server's).</summary>
    public static string VocabularyJson() => JsonSerializer.Serialize(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["actions"] = Vocabulary.Actions.All.ToDictionary(t => t.Code, t => t.Label),
        ["publics"] = Vocabulary.Publics.All.ToDictionary(t => t.Code, t => t.Label),
        ["natures"] = Vocabulary.Natures.All.ToDictionary(t => t.Code, t => t.Label),
        ["portees"] = Vocabulary.Scopes.All.ToDictionary(t => t.Code, t => t.Label),
    });
}
