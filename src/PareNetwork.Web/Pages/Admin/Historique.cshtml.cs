using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.BackOffice;
using PareNetwork.Web.Data;
using PareNetwork.Web.History;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>The feed of recent changes: filters, review, restoration of a previous value.</summary>
public class HistoriqueModel(PareDbContext db, ChangeAuthor author, TimeProvider time) : PageModel
{
    public const int PageSize = 100;


    [FromQuery(Name = "structure")] public string? StructureFilter { get; set; }

    [FromQuery(Name = "champ")] public string? Champ { get; set; }

    [FromQuery(Name = "canal")] public string? Canal { get; set; }

    [FromQuery(Name = "revue")] public string? Revue { get; set; }

    [FromQuery(Name = "du")] public string? Du { get; set; }

    [FromQuery(Name = "au")] public string? Au { get; set; }

    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public HistoryRows Rows { get; private set; } = null!;

    public int Count { get; private set; }

    public int PageCount => Math.Max(1, (Count + PageSize - 1) / PageSize);

    public List<string> Problems { get; } = [];

    public string? StructureName { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public static string ChannelCode(ChangeChannel channel) => channel.ToString().ToLowerInvariant();

    public async Task OnGetAsync()
    {
        IQueryable<StructureChange> query = db.StructureChanges.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(StructureFilter))
        {
            if (int.TryParse(StructureFilter, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                query = query.Where(c => c.StructureId == id);
                StructureName = await db.Structures.Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync();
            }
            else
            {
                Problems.Add($"Structure « {StructureFilter} » : un numéro de structure est attendu ; filtre ignoré.");
            }
        }
        if (!string.IsNullOrEmpty(Champ))
        {
            if (FieldLabels.All.ContainsKey(Champ))
            {
                query = query.Where(c => c.Field == Champ);
            }
            else
            {
                Problems.Add($"Champ « {Champ} » inconnu : filtre ignoré.");
            }
        }
        if (!string.IsNullOrEmpty(Canal))
        {
            if (Enum.GetValues<ChangeChannel>().Where(c => ChannelCode(c) == Canal).Cast<ChangeChannel?>().FirstOrDefault() is { } channel)
            {
                query = query.Where(c => c.Channel == channel);
            }
            else
            {
                Problems.Add($"Canal « {Canal} » inconnu : filtre ignoré.");
            }
        }
        query = Revue switch
        {
            "oui" => query.Where(c => c.Reviewed),
            "non" => query.Where(c => !c.Reviewed),
            _ => query,
        };
        if (Day(Du, "du") is { } from)
        {
            var start = Display.ParisMidnightUtc(from);
            query = query.Where(c => c.At >= start);
        }
        if (Day(Au, "au") is { } to)
        {
            var end = Display.ParisMidnightUtc(to.AddDays(1));
            query = query.Where(c => c.At < end);
        }

        Count = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var changes = await query.OrderByDescending(c => c.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
        var ids = changes.Select(c => c.StructureId).Distinct().ToList();
        var names = await db.Structures.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name);
        Rows = new HistoryRows(changes, names, await HistoryRows.CreationSetsAsync(db, changes), PageUrl(PageNumber));
    }

    /// <summary>Marks the given changes reviewed (one, or all those shown).</summary>
    public async Task<IActionResult> OnPostRevueAsync(long[] ids, string? retour)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changes = await db.StructureChanges.Where(c => ids.Contains(c.Id) && !c.Reviewed).ToListAsync();
        foreach (var change in changes)
        {
            change.MarkReviewed(now, author.AuthorLabel);
        }
        await db.SaveChangesAsync();
        Message = changes.Count switch
        {
            0 => "Rien à marquer : ces modifications étaient déjà revues.",
            1 => "Modification marquée comme revue.",
            _ => $"{changes.Count} modifications marquées comme revues.",
        };
        return Back(retour);
    }

    public async Task<IActionResult> OnPostRestaurerAsync(long id, string? retour)
    {
        var outcome = await new HistoryRestore(db, author, time).RestoreAsync(id);
        if (outcome.Restored)
        {
            Message = outcome.Message;
        }
        else
        {
            Error = outcome.Message;
        }
        return Back(retour);
    }

    private LocalRedirectResult Back(string? retour) =>
        LocalRedirect(retour is { Length: > 0 } && Url.IsLocalUrl(retour) && retour.StartsWith("/admin", StringComparison.Ordinal) ? retour : "/admin/historique");

    private DateOnly? Day(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // Years beyond 2100 or before 2000 are typing mistakes (and 9999-12-31 + 1 day does not exist).
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year is < 2000 or > 2100)
        {
            Problems.Add($"Date « {text} » ({name}) illisible : attendue au format AAAA-MM-JJ ; filtre ignoré.");
            return null;
        }
        return day;
    }

    public string PageUrl(int page)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["structure"] = StructureFilter, ["champ"] = Champ, ["canal"] = Canal, ["revue"] = Revue, ["du"] = Du, ["au"] = Au,
        }.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary();
        if (page > 1)
        {
            parameters["page"] = page.ToString(CultureInfo.InvariantCulture);
        }
        return QueryHelpers.AddQueryString("/admin/historique", parameters);
    }
}
