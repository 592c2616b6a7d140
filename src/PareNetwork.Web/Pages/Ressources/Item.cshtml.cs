using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Publications;

namespace PareNetwork.Web.Pages.Ressources;

/// <summary>A news item's or a resource's page; an event's lives in the agenda.</summary>
[OutputCache(PolicyName = PublicationCaching.PolicyName)]
public class ItemModel(PublicationCatalog catalog) : PageModel
{
    public PublicItem Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string? slug)
    {
        var snapshot = await catalog.GetAsync();
        if (!snapshot.ById.TryGetValue(id, out var item))
        {
            return NotFound();
        }
        if (item.IsEvent || slug != item.Slug)
        {
            return RedirectPermanent(item.Url);
        }
        Item = item;
        return Page();
    }
}
