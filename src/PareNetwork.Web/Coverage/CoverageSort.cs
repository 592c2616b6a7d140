namespace PareNetwork.Web.Coverage;

/// <summary>A sortable column of the reports' table: its key in the URL (<c>?tri=…&amp;ordre=…</c>) and its heading.</summary>
public sealed record CoverageColumn(string Key, string Heading, Func<DepartementCoverage, IComparable?> Value, bool DescendingFirst);

/// <summary>
/// The server-side sort of the table, so that it works without a script; the script sorts the same way in place.
/// An unknown key or order falls back to the default (weakest first) rather than refusing the page.
/// </summary>
public static class CoverageSort
{
    public const string DefaultKey = "score";

    public static readonly IReadOnlyList<CoverageColumn> Columns =
    [
        new("code", "Code", d => d.Code, false),
        new("nom", "Département", d => d.Name, false),
        new("region", "Région", d => d.RegionName, false),
        new("population", "Population", d => d.Population, true),
        new("locales", "Structures locales", d => d.LocalStructures, true),
        new("regionales", "Régionales", d => d.RegionalStructures, true),
        new("nationales", "Nationales", d => d.NationalStructures, true),
        new("densite", "Locales pour 100 000 hab.", d => d.LocalPer100000, true),
        new("part-rayon", "Population à portée", d => d.ShareWithinRadius, true),
        new("a-jour", "Fiches à jour", d => d.ShareUpToDate ?? -1, true),
        new("manquantes", "Actions clés manquantes", d => d.MissingActions.Count, true),
        new("score", "Score", d => d.Score, true),
        new("classe", "Classe", d => (int)d.Class, true),
    ];

    public static (CoverageColumn Column, bool Descending) Parse(string? key, string? order)
    {
        var column = Columns.FirstOrDefault(c => string.Equals(c.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? Columns.First(c => c.Key == DefaultKey);
        var descending = order?.Trim().ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => column.DescendingFirst,
        };
        return (column, descending);
    }

    private static readonly StringComparer French = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), System.Globalization.CompareOptions.IgnoreCase);

    /// <summary>Sorted by the column, then by code, so that equal values keep a stable order.</summary>
    public static IReadOnlyList<DepartementCoverage> Apply(IEnumerable<DepartementCoverage> rows, CoverageColumn column, bool descending)
    {
        var comparer = Comparer<IComparable?>.Create((a, b) => a is string x && b is string y ? French.Compare(x, y) : Comparer<IComparable?>.Default.Compare(a, b));
        var sorted = descending ? rows.OrderByDescending(column.Value, comparer) : rows.OrderBy(column.Value, comparer);
        return [.. sorted.ThenBy(d => d.Code, StringComparer.Ordinal)];
    }
}
