using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Api;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Pages.Shared;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages;

[OutputCache(PolicyName = HttpCaching.CatalogPolicyName)]
public class IndexModel(GeoReference geo, StructureCatalog catalog, IOptions<MapOptions> map) : PageModel
{
    /// <summary>Beyond this, the page links to the list rather than growing without end.</summary>
    public const int ListLimit = 200;

    public sealed record DepartementLine(string Code, string Name, long Population, DepartementCoverage Coverage);

    /// <summary>A région of the directory; <paramref name="RegionalCount"/> the régional structures serving any of its départements.</summary>
    public sealed record RegionGroup(string Code, string Name, IReadOnlyList<DepartementLine> Departements, int RegionalCount);

    public IReadOnlyList<RegionGroup> Regions { get; private set; } = [];

    public int PublishedCount { get; private set; }

    /// <summary>The national structures, stated once above the directory rather than added to every département.</summary>
    public int NationalCount { get; private set; }

    public StructureResults Results { get; private set; } = null!;

    public MapOptions Map => map.Value;

    public async Task OnGetAsync()
    {
        var snapshot = await catalog.GetAsync();
        PublishedCount = snapshot.Structures.Count;
        NationalCount = snapshot.NationalCount;
        Results = StructureResults.Build(Request.Query, geo, snapshot);
        Regions = [.. geo.Departements
            .GroupBy(d => (d.RegionCode, d.RegionName))
            .OrderBy(g => g.Key.RegionName, PublicStructure.NameOrder)
            .Select(g => new RegionGroup(g.Key.RegionCode, g.Key.RegionName,
                [.. g.Select(d => new DepartementLine(d.Code, d.Name, d.Population, snapshot.CoverageOf(d.Code)))],
                snapshot.RegionalServingAny([.. g.Select(d => d.Code)])))];
    }
}
