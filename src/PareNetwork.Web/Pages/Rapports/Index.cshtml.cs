using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Data;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages.Rapports;

/// <summary>
/// « Couverture territoriale » (/rapports, DGCS and coordination): the latest snapshot as a map of the classes and a
/// table sortable on the server (<c>?tri=&amp;ordre=</c>), its roll-up by région, what changed since the snapshot
/// before, the exports, and a button that asks for a new snapshot (queued: the job runs it in the background).
/// </summary>
[Authorize(Policy = Roles.Dgcs)]
public sealed class IndexModel(PareDbContext db, IRecurringJobManager recurring, IOptions<MapOptions> map) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tri")]
    public string? Tri { get; set; }

    [BindProperty(SupportsGet = true, Name = "ordre")]
    public string? Ordre { get; set; }

    public CoverageSnapshot? Snapshot { get; private set; }

    public CoverageSnapshot? Previous { get; private set; }

    public IReadOnlyDictionary<string, DepartementChange> Changes { get; private set; } = new Dictionary<string, DepartementChange>();

    public IReadOnlyList<DepartementCoverage> Rows { get; private set; } = [];

    public CoverageColumn SortColumn { get; private set; } = CoverageSort.Columns[0];

    public bool Descending { get; private set; }

    /// <summary>The last run of the job, when it is later than the snapshot (a run that found nothing new stores nothing).</summary>
    public Jobs.JobRun? LastRun { get; private set; }

    public MapOptions Map => map.Value;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        (SortColumn, Descending) = CoverageSort.Parse(Tri, Ordre);
        Snapshot = await CoverageReports.LatestAsync(db, ct);
        LastRun = await db.JobRuns.AsNoTracking().Where(r => r.Job == CoverageJob.Id && r.FinishedAt != null)
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        if (Snapshot is null)
        {
            return;
        }
        Previous = await CoverageReports.PreviousAsync(db, Snapshot, ct);
        Changes = CoverageReports.Compare(Snapshot, Previous);
        Rows = CoverageSort.Apply(Snapshot.Departements, SortColumn, Descending);
    }

    public IActionResult OnPostCalculer()
    {
        recurring.Trigger(CoverageJob.Id);
        Message = "Le calcul d'un nouvel instantané est lancé ; rechargez cette page dans quelques secondes. S'il ne trouve aucun changement, il n'en enregistre pas.";
        return RedirectToPage();
    }

    /// <summary>The link of a column's heading: its own key, the other order when it is the current sort.</summary>
    public string SortHref(CoverageColumn column)
    {
        var descending = column.Key == SortColumn.Key ? !Descending : column.DescendingFirst;
        return $"/rapports?tri={column.Key}&ordre={(descending ? "desc" : "asc")}#tableau-titre";
    }

    public string? AriaSort(CoverageColumn column) =>
        column.Key == SortColumn.Key ? (Descending ? "descending" : "ascending") : null;

    public IEnumerable<IGrouping<string, DepartementCoverage>> ByRegion =>
        Snapshot?.Departements.GroupBy(d => d.RegionCode) ?? [];
}
