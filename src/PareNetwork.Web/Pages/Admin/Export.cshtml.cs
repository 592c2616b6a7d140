using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Exports;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;
using PareNetwork.Web.Transfers;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>
/// « Exporter des structures » (/admin/export, coordination only): a CSV for French Excel of the structures matching
/// the back office's filter. Confidential addresses, points and private contacts are in it only when ticked, and
/// each such export is logged (who, when, how many) and listed here.
/// </summary>
public class ExportModel(PareDbContext db, GeoReference geo, ChangeAuthor author, TimeProvider time) : PageModel
{
    public const int RecentLogs = 20;

    [BindProperty(SupportsGet = true, Name = "statut")]
    public string? Statut { get; set; }

    [BindProperty(SupportsGet = true, Name = "departement")]
    public string? Departement { get; set; }

    [BindProperty(SupportsGet = true, Name = "portee")]
    public string? Portee { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    /// <summary>« inclure les adresses et positions confidentielles ».</summary>
    [BindProperty(SupportsGet = true, Name = "confidentiel")]
    public bool IncludeConfidential { get; set; }

    public string? Error { get; private set; }

    public int Matching { get; private set; }

    public int MatchingConfidential { get; private set; }

    public IReadOnlyList<ExportLog> Logs { get; private set; } = [];

    public IReadOnlyList<DepartementInfo> AllDepartements => geo.Departements;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (filter, error) = ExportFilter.Parse(Statut, Departement, Portee, Action, geo);
        if (filter is null)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            var rows = await StructureExport.RowsAsync(db, filter, ct);
            Matching = rows.Count;
            MatchingConfidential = rows.Count(r => r.Confidential);
        }
        await LoadLogsAsync(ct);
        return Page();
    }

    /// <summary>
    /// GET /admin/export/csv?…: the file without confidential data. With it, the export is a POST of the page's form
    /// (antiforgery): a link from another site cannot make a coordinator download and log one.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (IncludeConfidential)
        {
            Error = "Un export avec les adresses confidentielles se demande avec le bouton de cette page.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadLogsAsync(ct);
            return Page();
        }
        return await CsvAsync(ct);
    }

    public Task<IActionResult> OnPostCsvAsync(CancellationToken ct) => CsvAsync(ct);

    /// <summary>The file itself, never stored by a browser or a proxy.</summary>
    private async Task<IActionResult> CsvAsync(CancellationToken ct)
    {
        var (filter, error) = ExportFilter.Parse(Statut, Departement, Portee, Action, geo);
        if (filter is null)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadLogsAsync(ct);
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var result = await StructureExport.WriteAsync(db, filter, IncludeConfidential, author.AuthorId, author.AuthorLabel, now, ct);
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        return File(result.Content, "text/csv; charset=utf-8", StructureExport.FileName(now));
    }

    private async Task LoadLogsAsync(CancellationToken ct) =>
        Logs = await db.ExportLogs.AsNoTracking().OrderByDescending(l => l.Id).Take(RecentLogs).ToListAsync(ct);
}
