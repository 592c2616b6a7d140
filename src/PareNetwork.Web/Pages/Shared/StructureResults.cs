using System.Text.RegularExpressions;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Pages.Shared;

/// <summary>
/// One line of a result list; <paramref name="Group"/> is "local", "proche" or "reseau", as in /api/structures/around;
/// <paramref name="Distance"/> the distance in words from the searched commune (« dans la commune », « ≈ 12 km »).
/// </summary>
public sealed record ResultItem(PublicStructure Structure, string Group, string? Distance = null);

/// <summary>A way out of an empty result list: a link that widens the search.</summary>
public sealed record Widening(string Label, string Href);

/// <summary>A result list and the group headings to insert before each group (none: no headings).</summary>
public sealed record ResultList(IReadOnlyList<ResultItem> Items, IReadOnlyDictionary<string, string>? Headings = null);

/// <summary>
/// What the map and the list pages show for a query string: the filtered structures by name or, when a
/// commune is given (INSEE code or free text), the help search around it. Same rules as the JSON APIs.
/// </summary>
public sealed partial class StructureResults
{
    public required StructureFilter Filter { get; init; }

    public required IReadOnlyDictionary<string, string[]> Errors { get; init; }

    /// <summary>The commune as given in the query string.</summary>
    public string? CommuneQuery { get; init; }

    public HelpSearch? Search { get; init; }

    /// <summary>Other communes matching a free-text query, to offer when the first guess is not the right one.</summary>
    public IReadOnlyList<CommuneInfo> OtherCommunes { get; init; } = [];

    public required IReadOnlyList<ResultItem> Items { get; init; }

    public bool HasCommuneQuery => !string.IsNullOrWhiteSpace(CommuneQuery);

    public bool CommuneNotFound => HasCommuneQuery && Search is null;

    /// <summary>The place searched, with its département when its name alone is ambiguous: "Saint-Denis (974)".</summary>
    public string PlaceName { get; init; } = "";

    public string CommuneInputValue => Search?.Commune is { } c ? CommuneLabel(c) : CommuneQuery ?? "";

    /// <summary>The filters' query string plus the commune, for links between the map and the list.</summary>
    public string QueryString
    {
        get
        {
            var filter = Filter.ToQueryString();
            if (Search?.Commune is not { } c)
            {
                return filter;
            }
            return (filter.Length == 0 ? "?" : filter + "&") + "commune=" + Uri.EscapeDataString(c.Code);
        }
    }

    /// <summary>The group headings of a help search; none for a plain list.</summary>
    public IReadOnlyDictionary<string, string>? Headings => Search is null ? null : Display.GroupHeadings(Search);

    /// <summary>The sentence of #resultats-compte: "12 structures peuvent aider autour de Mulhouse", "Aucune structure ne correspond à vos critères".</summary>
    public string CountText
    {
        get
        {
            var n = Items.Count;
            if (Search is not null)
            {
                return n == 0
                    ? $"Aucune structure ne correspond à vos critères {Display.Around(PlaceName)}"
                    : $"{Display.CountWithVerb(n, "structure", "structures", "peut", "peuvent")} aider {Display.Around(PlaceName)}";
            }
            if (Filter.IsEmpty)
            {
                return Display.Capitalized(Display.Count(n, "structure publiée", "structures publiées"));
            }
            return Display.Capitalized(Display.CountWithVerb(n, "structure", "structures", "correspond", "correspondent")) + " à vos critères";
        }
    }

    /// <summary>
    /// When nothing matches: a link per active filter whose removal finds help (with how many structures), then
    /// one that removes them all, then the national listening lines, which answer everywhere. The commune stays.
    /// <paramref name="path"/> is the page the links lead to ("/", "/liste").
    /// </summary>
    public IReadOnlyList<Widening> Widenings(string path)
    {
        if (Items.Count > 0)
        {
            return [];
        }
        var commune = Search?.Commune?.Code;
        string Href(StructureFilter filter)
        {
            var query = filter.ToQueryString();
            if (commune is not null)
            {
                query = (query.Length == 0 ? "?" : query + "&") + "commune=" + Uri.EscapeDataString(commune);
            }
            return path + query;
        }
        var widenings = WiderCounts
            .Where(w => w.Count > 0)
            .Select(w => new Widening($"Retirer le filtre « {w.Label} » ({Display.Count(w.Count, "structure", "structures")})", Href(Filter.Without(w.Parameter))))
            .ToList();
        if (Filter.Active.Count > 1)
        {
            widenings.Add(new Widening("Retirer tous les filtres", Href(new StructureFilter())));
        }
        widenings.Add(new Widening("Voir les lignes d'écoute nationales, joignables partout", "/liste?nature=ligne-ecoute&portee=nationale"));
        return widenings;
    }

    /// <summary>For an empty result: how many structures each active filter's removal would find.</summary>
    public IReadOnlyList<(string Parameter, string Label, int Count)> WiderCounts { get; init; } = [];

    /// <summary>"Mulhouse (68100, 68200)": the label of the suggestions, which the server reads back too.</summary>
    public static string CommuneLabel(CommuneInfo c) =>
        c.PostalCodes.Count == 0 ? c.Name : $"{c.Name} ({string.Join(", ", c.PostalCodes)})";

    public static StructureResults Build(IQueryCollection query, GeoReference geo, CatalogSnapshot snapshot)
    {
        var (filter, errors) = StructureFilter.Parse(query, geo);
        var communeQuery = query["commune"].ToString().Trim();
        if (communeQuery.Length > 100)
        {
            communeQuery = communeQuery[..100];
        }

        if (communeQuery.Length > 0)
        {
            var (commune, others) = ResolveCommune(communeQuery, geo, typed: query[TypedParameter] == "1");
            var search = commune is null ? null : HelpSearch.ForCommune(commune.Code, snapshot, geo, filter);
            if (search is not null)
            {
                var items = search.InDisplayOrder()
                    .Select(x => new ResultItem(x.Structure, x.Group, x.DistanceKm is { } km ? Display.Distance(km, x.Structure.CommuneCode == commune!.Code) : null))
                    .ToList();
                return new StructureResults
                {
                    Filter = filter, Errors = errors, CommuneQuery = communeQuery, Search = search, OtherCommunes = others, Items = items,
                    PlaceName = PlaceLabel(commune!, geo),
                    WiderCounts = items.Count > 0 ? [] : CountWithout(filter, f => HelpSearch.ForCommune(commune!.Code, snapshot, geo, f)!.InDisplayOrder().Count()),
                };
            }
            return new StructureResults { Filter = filter, Errors = errors, CommuneQuery = communeQuery, OtherCommunes = others, Items = [] };
        }

        var list = ByName(snapshot.Structures.Where(filter.Matches));
        return new StructureResults
        {
            Filter = filter,
            Errors = errors,
            Items = list,
            WiderCounts = list.Count > 0 ? [] : CountWithout(filter, f => snapshot.Structures.Count(f.Matches)),
        };
    }

    private static List<(string Parameter, string Label, int Count)> CountWithout(StructureFilter filter, Func<StructureFilter, int> count) =>
        [.. filter.Active.Select(a => (a.Parameter, a.Label, count(filter.Without(a.Parameter))))];

    /// <summary>"Mulhouse", or "Saint-Denis (974)" when another commune bears the same name.</summary>
    public static string PlaceLabel(CommuneInfo commune, GeoReference geo) =>
        geo.HasHomonym(commune) ? $"{commune.Name} ({commune.DepartementCode})" : commune.Name;

    public static IReadOnlyList<ResultItem> ByName(IEnumerable<PublicStructure> structures) =>
        [.. structures.OrderBy(s => s.Name, PublicStructure.NameOrder).Select(s => new ResultItem(s, Display.GroupOf(s)))];

    /// <summary>
    /// Marks a commune typed in the form rather than carried by a link. Links carry INSEE codes; a person types
    /// postal codes, and 2,991 INSEE codes are also the postal code of another commune (68100: Fulleren or Mulhouse).
    /// </summary>
    public const string TypedParameter = "saisie";

    /// <summary>
    /// An INSEE code (unless <paramref name="typed"/>), a suggestion label ("Mulhouse (68100, 68200)"), a name or a
    /// postal code. Only communes with a position can anchor a search. Free text also returns the other candidates.
    /// </summary>
    public static (CommuneInfo? Commune, IReadOnlyList<CommuneInfo> Others) ResolveCommune(string text, GeoReference geo, bool typed = false)
    {
        if (!typed && geo.CommunesByCode.GetValueOrDefault(text.ToUpperInvariant()) is { } byCode)
        {
            return (byCode.Latitude is null ? null : byCode, []);
        }

        var name = text;
        string[] postalCodes = [];
        if (LabelPattern().Match(text) is { Success: true } label)
        {
            name = label.Groups["name"].Value;
            postalCodes = label.Groups["codes"].Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        }

        var candidates = geo.SearchCommunes(name, 8).Where(c => c.Latitude is not null).ToList();
        if (candidates.Count > 0 && geo.HasHomonym(candidates[0]))
        {
            // Every commune of that exact name, not only the eight most populous matches of the text.
            var homonyms = geo.SearchCommunes(candidates[0].Name, 50).Where(c => c.Latitude is not null && c.SearchKey == candidates[0].SearchKey);
            candidates = [.. homonyms.Concat(candidates).Distinct()];
        }
        if (candidates.FirstOrDefault(c => postalCodes.Length > 0 && c.PostalCodes.Intersect(postalCodes).Any()) is { } labelled)
        {
            return (labelled, []);
        }
        var chosen = candidates.FirstOrDefault();
        return (chosen, [.. candidates.Where(c => c != chosen).Take(8)]);
    }

    [GeneratedRegex(@"^(?<name>.+?)\s*\((?<codes>[0-9AB ,]+)\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelPattern();
}

/// <summary>The search and filter form of the map (<paramref name="OnMap"/>) and of the list.</summary>
public sealed record SearchForm(StructureResults Results, string Action, bool OnMap);

/// <summary>What helps a person whose search went wrong or found nothing, with links to <paramref name="Path"/> ("/", "/liste").</summary>
public sealed record SearchHelp(StructureResults Results, string Path);

/// <summary>The results part of the map page, also served alone at /resultats for the map's script.</summary>
public sealed record ResultsZone(StructureResults Results, int Limit);
