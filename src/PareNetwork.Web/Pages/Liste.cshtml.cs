using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Api;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Pages;

[OutputCache(PolicyName = HttpCaching.CatalogPolicyName)]
public class ListeModel(GeoReference geo, StructureCatalog catalog) : PageModel
{
    /// <summary>The whole directory is paged; a help search around a commune is bounded by its département and is not.</summary>
    public const int PageSize = 100;

    public StructureResults Results { get; private set; } = null!;

    public IReadOnlyList<ResultItem> PageItems { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    /// <summary>The active criteria in words ("Action : Prévention"), for the screen and for print.</summary>
    public IReadOnlyList<string> Criteria { get; private set; } = [];

    public async Task OnGetAsync(int? page)
    {
        var snapshot = await catalog.GetAsync();
        Results = StructureResults.Build(Request.Query, geo, snapshot);
        if (Results.Search is null)
        {
            PageCount = Math.Max(1, (Results.Items.Count + PageSize - 1) / PageSize);
            PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
            PageItems = [.. Results.Items.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        }
        else
        {
            PageItems = Results.Items;
        }

        var criteria = new List<string>();
        if (Results.Search is { } search)
        {
            criteria.Add($"Autour de : {Results.CommuneInputValue}, {Display.DepartementLabel(search.Departement)}");
        }
        foreach (var (parameter, label) in Results.Filter.Active)
        {
            criteria.Add(parameter == "departement" && geo.DepartementsByCode.TryGetValue(Results.Filter.Departement!, out var d)
                ? $"Département : {Display.DepartementLabel(d)}"
                : label);
        }
        Criteria = criteria;
    }

    /// <summary>The first and last pages and two on each side of the current one.</summary>
    public IEnumerable<int> PageWindow =>
        Enumerable.Range(1, PageCount).Where(n => n == 1 || n == PageCount || Math.Abs(n - PageNumber) <= 2);

    public string PageHref(int number)
    {
        var query = Results.QueryString;
        return number == 1 ? "/liste" + query : $"/liste{(query.Length == 0 ? "?" : query + "&")}page={number}";
    }
}
