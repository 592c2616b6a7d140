using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Publications;

namespace PareNetwork.Web.Pages.Agenda;

/// <summary>What the agenda's two tabs share: the events on one side of now, filtered by territory, paged.</summary>
public abstract class AgendaPage(GeoReference geo, PublicationCatalog catalog, TimeProvider time) : PageModel
{
    public const int PageSize = 30;

    public abstract bool IsArchive { get; }

    public PublicationFilter Filter { get; private set; } = new();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<PublicItem> PageItems { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public IReadOnlyList<DepartementInfo> Departements => geo.Departements;

    public IReadOnlyList<string> Criteria => Filter.Describe(geo);

    public string Path => IsArchive ? "/agenda/archives" : "/agenda";

    public async Task OnGetAsync()
    {
        var snapshot = await catalog.GetAsync();
        (Filter, var errors) = PublicationFilter.Parse(Request.Query, geo, snapshot);
        Errors = errors;
        var now = time.GetUtcNow().UtcDateTime;
        var events = (IsArchive ? snapshot.Past(now) : snapshot.Upcoming(now)).Where(e => Filter.Matches(e, geo)).ToList();
        Total = events.Count;
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(Request.Query["page"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, PageCount) : 1;
        PageItems = [.. events.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    public string PageHref(int number)
    {
        var query = Filter.ToQueryString();
        return number == 1 ? Path + query : $"{Path}{(query.Length == 0 ? "?" : query + "&")}page={number}";
    }
}
