using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Catalog;

/// <summary>The public filters of the map, the list and the API; the same query string drives all three.</summary>
public sealed record StructureFilter(
    string? Departement = null,
    StructureAction? Action = null,
    StructurePublic? Public = null,
    Scope? Portee = null,
    StructureNature? Nature = null,
    string? Text = null)
{
    private readonly string _normalizedText = GeoReference.Normalize(Text ?? "");

    public bool IsEmpty => this == new StructureFilter();

    public bool Matches(PublicStructure s) =>
        (Departement is null || s.Serves(Departement))
        && (Action is not { } action || s.Actions.Contains(action))
        && (Public is not { } publicTerm || s.Publics.Contains(publicTerm))
        && (Portee is not { } scope || s.Scope == scope)
        && (Nature is not { } nature || s.Nature == nature)
        && (_normalizedText.Length == 0 || s.SearchKey.Contains(_normalizedText, StringComparison.Ordinal));

    /// <summary>The active filters as (query parameter, French label), in the order of the form.</summary>
    public IReadOnlyList<(string Parameter, string Label)> Active
    {
        get
        {
            var active = new List<(string, string)>();
            if (Departement is { } d)
            {
                active.Add(("departement", $"Département : {d}"));
            }
            if (Action is { } a)
            {
                active.Add(("action", $"Action : {Vocabulary.Actions.Label(a)}"));
            }
            if (Public is { } p)
            {
                active.Add(("public", $"Public : {Vocabulary.Publics.Label(p)}"));
            }
            if (Portee is { } s)
            {
                active.Add(("portee", $"Portée : {Vocabulary.Scopes.Label(s)}"));
            }
            if (Nature is { } n)
            {
                active.Add(("nature", $"Type de structure : {Vocabulary.Natures.Label(n)}"));
            }
            if (Text is { } t)
            {
                active.Add(("q", $"Texte : « {t} »"));
            }
            return active;
        }
    }

    /// <summary>This filter without one of its parameters (a new record: the normalized text is derived at construction).</summary>
    public StructureFilter Without(string parameter) => new(
        parameter == "departement" ? null : Departement,
        parameter == "action" ? null : Action,
        parameter == "public" ? null : Public,
        parameter == "portee" ? null : Portee,
        parameter == "nature" ? null : Nature,
        parameter == "q" ? null : Text);

    /// <summary>The query string of this filter, codes only, in a stable order (links and cache keys).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("departement", Departement);
        Add("action", Action is { } a ? Vocabulary.Actions.Code(a) : null);
        Add("public", Public is { } p ? Vocabulary.Publics.Code(p) : null);
        Add("portee", Portee is { } s ? Vocabulary.Scopes.Code(s) : null);
        Add("nature", Nature is { } n ? Vocabulary.Natures.Code(n) : null);
        Add("q", string.IsNullOrWhiteSpace(Text) ? null : Text.Trim());
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>Reads the filter from a query string; unknown values become French error messages keyed by parameter.</summary>
    public static (StructureFilter Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, GeoReference geo)
    {
        var errors = new Dictionary<string, string[]>();

        T? Term<T>(string name, Terms<T> terms) where T : struct, Enum
        {
            var value = query[name].ToString();
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            if (terms.TryParse(value, out var term))
            {
                return term;
            }
            errors[name] = [$"Valeur « {value} » inconnue pour « {name} ». Valeurs admises : {terms.CodeList}."];
            return null;
        }

        string? departement = query["departement"].ToString().Trim().ToUpperInvariant();
        if (departement.Length == 0)
        {
            departement = null;
        }
        else if (!geo.DepartementsByCode.ContainsKey(departement))
        {
            errors["departement"] = [$"Département « {departement} » inconnu. Utilisez le code INSEE (01 à 95, 2A, 2B, 971 à 976)."];
            departement = null;
        }

        var text = query["q"].ToString().Trim();
        if (text.Length > 100)
        {
            errors["q"] = ["La recherche est limitée à 100 caractères."];
            text = text[..100];
        }

        var filter = new StructureFilter(
            departement,
            Term("action", Vocabulary.Actions),
            Term("public", Vocabulary.Publics),
            Term("portee", Vocabulary.Scopes),
            Term("nature", Vocabulary.Natures),
            text.Length == 0 ? null : text);
        return (filter, errors);
    }
}
