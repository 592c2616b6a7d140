using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Api;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Pages;

/// <summary>
/// The results part of the map page alone, for the map's script: the server writes every French sentence of the
/// list (counts, distances, headings, ways to widen a search) once, for the page and for the script.
/// </summary>
[OutputCache(PolicyName = HttpCaching.CatalogPolicyName)]
public class ResultatsModel(GeoReference geo, StructureCatalog catalog) : PageModel
{
    public StructureResults Results { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Response.Headers["X-Robots-Tag"] = "noindex";
        Results = StructureResults.Build(Request.Query, geo, await catalog.GetAsync());
    }
}
