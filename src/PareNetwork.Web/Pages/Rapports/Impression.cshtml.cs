using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Pages.Rapports;

/// <summary>The latest snapshot in full, for print (/rapports/impression): every figure of every département, by code.</summary>
[Authorize(Policy = Roles.Dgcs)]
public sealed class ImpressionModel(PareDbContext db) : PageModel
{
    public CoverageSnapshot? Snapshot { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Snapshot = await CoverageReports.LatestAsync(db, ct);
}
