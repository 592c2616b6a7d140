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
    /// <summary>Per action, the local structures apart from the régional and national ones, which every département shares.</summary>
    public sealed record ActionCount(string Label, int Local, int Wider);

    public DepartementInfo Departement { get; private set; } = null!;

    public IReadOnlyList<DepartementInfo> Neighbours { get; private set; } = [];

    /// <summary>The structures serving the département: local and départemental ones first, then régional, then national.</summary>
    public IReadOnlyList<ResultItem> Items { get; private set; } = [];

    public DepartementCoverage Coverage { get; private set; } = new(0, 0, 0);

    /// <summary>The national listening lines and their numbers, shown where no local structure is recorded.</summary>
    public IReadOnlyList<PublicStructure> NationalLines { get; private set; } = [];

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
        Coverage = snapshot.CoverageOf(canonical);
        NationalLines = [.. snapshot.Structures.Where(s => s.Scope == Scope.Nationale && s.Nature == StructureNature.LigneEcoute && s.Phones.Count > 0)];
        ActionCounts = [.. Vocabulary.Actions.All.Select(t => new ActionCount(t.Label,
            serving.Count(s => s.IsLocal && s.Actions.Contains(t.Value)),
            serving.Count(s => !s.IsLocal && s.Actions.Contains(t.Value))))];
        return Page();
    }

    /// <summary>
    /// "S'y ajoutent 1 structure régionale, pour la région Hauts-de-France, et 13 structures nationales, accessibles
    /// partout." — the wider structures stated apart from the local count; null when there are none.
    /// </summary>
    public string? WiderSentence
    {
        get
        {
            var parts = new List<string>();
            if (Coverage.Regional > 0)
            {
                parts.Add($"{Display.Count(Coverage.Regional, "structure régionale", "structures régionales")}, pour la région {Departement.RegionName}");
            }
            if (Coverage.National > 0)
            {
                parts.Add($"{Display.Count(Coverage.National, "structure nationale", "structures nationales")}, accessible{(Coverage.National > 1 ? "s" : "")} partout");
            }
            if (parts.Count == 0)
            {
                return null;
            }
            var verb = Coverage.Regional + Coverage.National > 1 ? "S'y ajoutent" : "S'y ajoute";
            return $"{verb} {string.Join(", et ", parts)}.";
        }
    }
}
