using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>The coordination's dashboard: counts and the way to every back-office page.</summary>
public class IndexModel(PareDbContext db) : PageModel
{
    public Dictionary<StructureStatus, int> ByStatus { get; private set; } = [];

    public int Total { get; private set; }

    public int PendingPublicAddress { get; private set; }

    public int Unreviewed { get; private set; }

    public int PendingContactRequests { get; private set; }

    public int OpenApplications { get; private set; }

    public async Task OnGetAsync()
    {
        ByStatus = await db.Structures.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Total = ByStatus.Values.Sum();
        PendingPublicAddress = await db.Structures.CountAsync(s => s.PublicAddressRequestedAt != null && s.Status != StructureStatus.Fusionnee);
        Unreviewed = await db.StructureChanges.CountAsync(c => !c.Reviewed);
        PendingContactRequests = await db.ContactRequests.CountAsync(r => r.Status == ContactRequests.ContactRequestStatus.EnAttente);
        OpenApplications = await db.MembershipApplications.CountAsync(a => a.Status == Adhesions.ApplicationStatus.EnAttente || a.Status == Adhesions.ApplicationStatus.InformationDemandee);
    }
}
