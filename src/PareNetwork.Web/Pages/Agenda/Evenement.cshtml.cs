using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Publications;

namespace PareNetwork.Web.Pages.Agenda;

[OutputCache(PolicyName = PublicationCaching.PolicyName)]
public class EvenementModel(PublicationCatalog catalog, TimeProvider time) : PageModel
{
    public PublicItem Item { get; private set; } = null!;

    public bool IsOver { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? slug)
    {
        var snapshot = await catalog.GetAsync();
        if (!snapshot.ById.TryGetValue(id, out var item))
        {
            return NotFound();
        }
        if (!item.IsEvent || slug != item.Slug)
        {
            return RedirectPermanent(item.Url);
        }
        Item = item;
        IsOver = item.Schedule.IsOver(time.GetUtcNow().UtcDateTime);
        return Page();
    }
}
