using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.BackOffice;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>Possible duplicates, and their merge: the coordination chooses which record is kept.</summary>
public class DoublonsModel(PareDbContext db) : PageModel
{
    public List<Duplicates.Pair> Pairs { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync() => Pairs = await Duplicates.FindAsync(db);

    public async Task<IActionResult> OnPostFusionnerAsync(int garder, int fusionner)
    {
        var error = await Duplicates.MergeAsync(db, garder, fusionner);
        if (error is not null)
        {
            Error = error;
            return LocalRedirect("/admin/doublons");
        }
        Message = $"Fusion faite : la fiche n° {fusionner} est fusionnée dans la fiche n° {garder}, dont voici la page.";
        return LocalRedirect($"/admin/structures/{garder}");
    }
}
