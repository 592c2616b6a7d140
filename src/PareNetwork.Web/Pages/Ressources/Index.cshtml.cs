using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Publications;

namespace PareNetwork.Web.Pages.Ressources;

/// <summary>The resource centre: every published item (news, resources, events), filtered and searched, paged.</summary>
[OutputCache(PolicyName = PublicationCaching.PolicyName)]
public class IndexModel(GeoReference geo, PublicationCatalog catalog) : PageModel
{
    public const int PageSize = 20;

    public PublicationSnapshot Snapshot { get; private set; } = null!;

    public PublicationFilter Filter { get; private set; } = new();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public int Total { get; private set; }

    public IReadOnlyList<PublicItem> PageItems { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public IReadOnlyList<DepartementInfo> Departements => geo.Departements;

    public IReadOnlyList<string> Criteria => Filter.Describe(geo);

    public async Task OnGetAsync()
    {
        Snapshot = await catalog.GetAsync();
        (Filter, var errors) = PublicationFilter.Parse(Request.Query, geo, Snapshot);
        Errors = errors;
        var matching = Snapshot.Items.Where(i => Filter.Matches(i, geo)).ToList();
        Total = matching.Count;
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(Request.Query["page"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, PageCount) : 1;
        PageItems = [.. matching.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    public IEnumerable<int> PageWindow =>
        Enumerable.Range(1, PageCount).Where(n => n == 1 || n == PageCount || Math.Abs(n - PageNumber) <= 2);

    public string PageHref(int number)
    {
        var query = Filter.ToQueryString();
        return number == 1 ? "/ressources" + query : $"/ressources{(query.Length == 0 ? "?" : query + "&")}page={number}";
    }
}
