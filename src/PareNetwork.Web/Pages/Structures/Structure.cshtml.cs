using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Api;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages.Structures;

[OutputCache(PolicyName = HttpCaching.CatalogPolicyName)]
public class StructureModel(GeoReference geo, StructureCatalog catalog, IOptions<MapOptions> map) : PageModel
{
    /// <summary>The PARÉ coordination: who to go through when a confidential structure gives no phone.</summary>
    public const string CoordinationName = "Droit d'Enfance";

    public PublicStructure Structure { get; private set; } = null!;

    public IReadOnlyList<DepartementInfo> Departements { get; private set; } = [];

    public PublicStructure? Coordination { get; private set; }

    public MapOptions Map => map.Value;

    public async Task<IActionResult> OnGetAsync(int id, string? slug)
    {
        var snapshot = await catalog.GetAsync();
        if (!snapshot.ById.TryGetValue(id, out var structure))
        {
            return NotFound();
        }
        if (slug != structure.Slug)
        {
            return RedirectPermanent(structure.Url);
        }

        Structure = structure;
        Departements = [.. structure.DepartementCodes.Select(c => geo.DepartementsByCode.GetValueOrDefault(c)).OfType<DepartementInfo>()];
        var coordinationKey = GeoReference.Normalize(CoordinationName);
        Coordination = snapshot.Structures.FirstOrDefault(s => GeoReference.Normalize(s.Name) == coordinationKey);
        return Page();
    }
}
