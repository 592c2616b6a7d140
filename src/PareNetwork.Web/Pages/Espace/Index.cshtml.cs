using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Membership;
using PareNetwork.Web.Structures;

namespace PareNetwork.Web.Pages.Espace;

/// <summary>The member space: the structures this person manages, and their link requests still pending.</summary>
public class IndexModel(PareDbContext db) : PageModel
{
    public sealed record Managed(int Id, string Name, StructureStatus Status, DateTime? ConfirmedAt, bool PublicAddressRequested);

    public sealed record PendingRequest(int StructureId, string StructureName, DateTime CreatedAt);

    public IReadOnlyList<Managed> Structures { get; private set; } = [];

    public IReadOnlyList<PendingRequest> Requests { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = StructureAccess.UserId(User);
        Structures = await (from m in db.StructureMembers
                            join s in db.Structures on m.StructureId equals s.Id
                            where m.UserId == userId
                            orderby s.Name
                            select new Managed(s.Id, s.Name, s.Status, s.ConfirmedAt, s.PublicAddressRequestedAt != null)).ToListAsync();
        Requests = await (from r in db.LinkRequests
                          join s in db.Structures on r.StructureId equals s.Id
                          where r.UserId == userId && r.Status == LinkRequestStatus.EnAttente
                          orderby r.CreatedAt
                          select new PendingRequest(s.Id, s.Name, r.CreatedAt)).ToListAsync();
    }
}
