using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Jobs;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>The background jobs as the coordination reads them: each one's last runs and what they found; « Lancer maintenant » queues one.</summary>
public sealed class TachesModel(PareDbContext db, IRecurringJobManager recurring) : PageModel
{
    public const int RunsShown = 50;

    public IReadOnlyList<JobLine> Jobs { get; private set; } = [];

    public IReadOnlyList<JobRun> Runs { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var last = await db.JobRuns.GroupBy(r => r.Job).Select(g => g.OrderByDescending(r => r.StartedAt).First()).ToListAsync(ct);
        Jobs = [.. JobSchedule.Entries.Select(e => new JobLine(e, last.FirstOrDefault(r => r.Job == e.Id)))];
        Runs = await db.JobRuns.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(RunsShown).ToListAsync(ct);
    }

    public IActionResult OnPostRun(string id)
    {
        var entry = JobSchedule.Entries.FirstOrDefault(e => e.Id == id);
        if (entry is null)
        {
            return NotFound();
        }
        recurring.Trigger(entry.Id);
        Message = $"« {entry.Label} » est lancée ; son résultat s'affichera ici dans quelques secondes.";
        return RedirectToPage();
    }

    public static string Label(string job) => JobSchedule.Entries.FirstOrDefault(e => e.Id == job)?.Label ?? job;

    public sealed record JobLine(RecurringJobEntry Entry, JobRun? LastRun);
}
