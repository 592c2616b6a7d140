using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Pages;

public class IndexModel(GeoReference geo, StructureCatalog catalog) : PageModel
{
    public sealed record DepartementLine(string Code, string Name, long Population, int Structures);

    public sealed record RegionGroup(string Code, string Name, IReadOnlyList<DepartementLine> Departements);

    public IReadOnlyList<RegionGroup> Regions { get; private set; } = [];

    public int PublishedCount { get; private set; }

    public async Task OnGetAsync()
    {
        var snapshot = await catalog.GetAsync();
        PublishedCount = snapshot.Structures.Count;
        Regions = [.. geo.Departements
            .GroupBy(d => (d.RegionCode, d.RegionName))
            .OrderBy(g => g.Key.RegionName, StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), false))
            .Select(g => new RegionGroup(g.Key.RegionCode, g.Key.RegionName,
                [.. g.Select(d => new DepartementLine(d.Code, d.Name, d.Population, snapshot.CountServing(d.Code)))]))];
    }
}
