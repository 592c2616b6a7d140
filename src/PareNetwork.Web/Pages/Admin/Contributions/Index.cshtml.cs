using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Pages.Admin.Contributions;

/// <summary>The moderation's list (/admin/contributions): pending items first by default, filtered by status and kind.</summary>
public class IndexModel(PareDbContext db) : PageModel
{
    public const int Shown = 200;

    public static readonly IReadOnlyList<(ContributionStatus Status, string Code, string Label)> Statuses =
    [
        (ContributionStatus.EnAttente, "en-attente", "En attente"),
        (ContributionStatus.Publiee, "publiee", "Publiées"),
        (ContributionStatus.Refusee, "refusee", "Refusées"),
        (ContributionStatus.Doublon, "doublon", "Doublons"),
    ];

    public const string AllStatuses = "toutes";

    public sealed record Row(int Id, ContributionKind Kind, string Title, ContributionStatus Status, DateTime SubmittedAt, string? SubmitterName, bool HasFile);

    public string Status { get; private set; } = "en-attente";

    public string? Kind { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyDictionary<ContributionStatus, int> Counts { get; private set; } = new Dictionary<ContributionStatus, int>();

    public static string StatusLabel(ContributionStatus status) => status switch
    {
        ContributionStatus.EnAttente => "En attente",
        ContributionStatus.Publiee => "Publiée",
        ContributionStatus.Refusee => "Refusée",
        _ => "Doublon",
    };

    public async Task OnGetAsync(string? statut, string? type)
    {
        var query = db.Contributions.AsNoTracking();
        if (statut == AllStatuses)
        {
            Status = AllStatuses;
        }
        else
        {
            var status = Statuses.FirstOrDefault(s => s.Code == statut);
            if (status.Code is null)
            {
                status = Statuses[0];
            }
            Status = status.Code;
            query = query.Where(c => c.Status == status.Status);
        }
        if (ContributionKinds.Parse(type) is { } kind)
        {
            Kind = ContributionKinds.Code(kind);
            query = query.Where(c => c.Kind == kind);
        }
        Total = await query.CountAsync();
        var newestFirst = Status != Statuses[0].Code;
        var ordered = newestFirst ? query.OrderByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id) : query.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id);
        Rows = await ordered.Take(Shown)
            .Select(c => new Row(c.Id, c.Kind, c.Title, c.Status, c.SubmittedAt, c.SubmitterName, c.FileName != null))
            .ToListAsync();
        Counts = await db.Contributions.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    public string FilterUrl(string? statut, string? type)
    {
        var parts = new List<string>();
        if (statut is not null)
        {
            parts.Add("statut=" + Uri.EscapeDataString(statut));
        }
        if (type is not null)
        {
            parts.Add("type=" + Uri.EscapeDataString(type));
        }
        return "/admin/contributions" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }
}
