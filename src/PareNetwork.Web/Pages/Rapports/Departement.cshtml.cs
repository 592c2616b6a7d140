using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Data;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Pages.Rapports;

/// <summary>
/// A département's coverage (/rapports/departements/{code}): its figures in the latest snapshot, the change since the
/// one before, and its history across every snapshot as a table and, with a script, a Chart.js chart.
/// </summary>
[Authorize(Policy = Roles.Dgcs)]
public sealed class DepartementModel(PareDbContext db) : PageModel
{
    public CoverageSnapshot Snapshot { get; private set; } = null!;

    public DepartementChange Change { get; private set; } = null!;

    public DepartementCoverage Figures => Change.Current;

    public IReadOnlyList<DepartementHistoryPoint> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var latest = await CoverageReports.LatestAsync(db, ct);
        var figures = latest?.Departements.FirstOrDefault(d => string.Equals(d.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (latest is null || figures is null)
        {
            return NotFound();
        }
        Snapshot = latest;
        var previous = await CoverageReports.PreviousAsync(db, latest, ct);
        Change = new DepartementChange(figures, previous?.Departements.FirstOrDefault(d => d.Code == figures.Code));
        History = await CoverageReports.HistoryAsync(db, figures.Code, ct);
        return Page();
    }

    /// <summary>The chart's data, read by wwwroot/js/rapports-historique.js: labels in Paris time, shares in percent.</summary>
    public string ChartJson() => JsonSerializer.Serialize(new
    {
        labels = History.Select(h => Display.Date(h.ComputedAt)).ToList(),
        score = History.Select(h => h.Figures.Score).ToList(),
        part_population = History.Select(h => Math.Round(h.Figures.ShareWithinRadius * 100, 1)).ToList(),
        part_a_jour = History.Select(h => h.Figures.ShareUpToDate is { } s ? Math.Round(s * 100, 1) : (double?)null).ToList(),
        structures_locales = History.Select(h => h.Figures.LocalStructures).ToList(),
    });
}
