using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Api;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Pages.Departements;

[OutputCache(PolicyName = HttpCaching.CatalogPolicyName)]
public class DepartementModel(GeoReference geo, StructureCatalog catalog) : PageModel
{
    public sealed record ActionCount(string Label, int Count);

    public DepartementInfo Departement { get; private set; } = null!;

    public IReadOnlyList<DepartementInfo> Neighbours { get; private set; } = [];

    /// <summary>The structures serving the département: local and départemental ones first, then régional, then national.</summary>
    public IReadOnlyList<ResultItem> Items { get; private set; } = [];

    public int LocalCount { get; private set; }

    public IReadOnlyList<ActionCount> ActionCounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? code)
    {
        var canonical = code?.Trim().ToUpperInvariant() ?? "";
        if (!geo.DepartementsByCode.TryGetValue(canonical, out var departement))
        {
            return NotFound();
        }
        if (canonical != code)
        {
            return RedirectPermanent($"/departements/{canonical}");
        }

        var snapshot = await catalog.GetAsync();
        var serving = snapshot.Structures.Where(s => s.Serves(canonical)).ToList();
        Departement = departement;
        Neighbours = [.. departement.NeighbourCodes.Select(c => geo.DepartementsByCode[c])];
        Items = [.. serving
            .OrderBy(s => s.IsLocal ? 0 : s.Scope == Scope.Regionale ? 1 : 2)
            .ThenBy(s => s.Name, PublicStructure.NameOrder)
            .Select(s => new ResultItem(s, Display.GroupOf(s)))];
        LocalCount = serving.Count(s => s.IsLocal);
        ActionCounts = [.. Vocabulary.Actions.All.Select(t => new ActionCount(t.Label, serving.Count(s => s.Actions.Contains(t.Value))))];
        return Page();
    }
}
