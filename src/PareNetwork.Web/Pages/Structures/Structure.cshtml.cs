using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Api;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Data;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages.Structures;

[OutputCache(PolicyName = HttpCaching.CatalogPolicyName)]
public class StructureModel(GeoReference geo, StructureCatalog catalog, IOptions<MapOptions> map, PareDbContext db, IOptions<CoordinationOptions> coordination, TimeProvider time) : PageModel
{
    /// <summary>The PARÉ coordination: who to go through when a confidential structure gives no phone.</summary>
    public const string CoordinationName = "Droit d'Enfance";

    public PublicStructure Structure { get; private set; } = null!;

    public IReadOnlyList<DepartementInfo> Departements { get; private set; } = [];

    public PublicStructure? Coordination { get; private set; }

    public MapOptions Map => map.Value;

    /// <summary>The network's own e-mail and phone (<c>Pare:Coordination</c>), when configured.</summary>
    public CoordinationOptions? CoordinationContact =>
        string.IsNullOrWhiteSpace(coordination.Value.Email) && string.IsNullOrWhiteSpace(coordination.Value.Phone) ? null : coordination.Value;

    /// <summary>Confirmed more than twelve months ago: the page warns, and hides nothing.</summary>
    public bool IsObsolete { get; private set; }

    /// <summary>
    /// A confidential structure's real place, read from the database for the DGCS and the coordination only; never in
    /// the catalogue, and never output-cached (the catalogue policy refuses signed-in requests).
    /// </summary>
    public ReservedPlace? Reserved { get; private set; }

    public sealed record ReservedPlace(string? Address, string? CommuneName, string? CommuneCode);

    public async Task<IActionResult> OnGetAsync(int id, string? slug)
    {
        var snapshot = await catalog.GetAsync();
        if (!snapshot.ById.TryGetValue(id, out var structure))
        {
            // A merged structure's old URL leads to the structure it was merged into, when that one is published.
            return await MergedIntoAsync(id, snapshot) is { } target ? RedirectPermanent(target.Url) : NotFound();
        }
        if (slug != structure.Slug)
        {
            return RedirectPermanent(structure.Url);
        }

        Structure = structure;
        IsObsolete = structure.ConfirmedAt is { } confirmed && time.GetUtcNow().UtcDateTime >= confirmed.AddMonths(Domain.Structure.ObsoleteAfterMonths);
        Departements = [.. structure.DepartementCodes.Select(c => geo.DepartementsByCode.GetValueOrDefault(c)).OfType<DepartementInfo>()];
        var coordinationKey = GeoReference.Normalize(CoordinationName);
        Coordination = snapshot.Structures.FirstOrDefault(s => GeoReference.Normalize(s.Name) == coordinationKey);
        if (structure.IsConfidential && (User.IsInRole(Accounts.Roles.Dgcs) || User.IsInRole(Accounts.Roles.Coordination)))
        {
            Reserved = await db.Structures.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new ReservedPlace(s.Address, s.Commune == null ? null : s.Commune.Name, s.CommuneCode))
                .SingleOrDefaultAsync();
        }
        return Page();
    }

    /// <summary>Follows the merges from <paramref name="id"/> (a few at most) to a published structure, if any.</summary>
    private async Task<PublicStructure?> MergedIntoAsync(int id, CatalogSnapshot snapshot)
    {
        var current = id;
        for (var hop = 0; hop < 5; hop++)
        {
            var next = await db.Structures.AsNoTracking().Where(s => s.Id == current).Select(s => s.MergedIntoId).FirstOrDefaultAsync();
            if (next is not { } target)
            {
                return null;
            }
            if (snapshot.ById.TryGetValue(target, out var published))
            {
                return published;
            }
            current = target;
        }
        return null;
    }
}
