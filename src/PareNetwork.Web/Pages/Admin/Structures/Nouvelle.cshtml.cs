using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;
using PareNetwork.Web.Structures;

namespace PareNetwork.Web.Pages.Admin.Structures;

/// <summary>The coordination creates a structure: pending or published at once.</summary>
public class NouvelleModel(PareDbContext db, GeoReference geo, TimeProvider time, ChangeAuthor author) : PageModel
{
    public static readonly IReadOnlyList<StructureStatus> InitialStatuses = [StructureStatus.EnAttente, StructureStatus.Publiee];

    [BindProperty]
    public StructureForm Form { get; set; } = new();

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Statut")]
        public string Status { get; set; } = "en-attente";

        [Range(1, 60, ErrorMessage = "Entre 1 et 60 mois.")]
        [Display(Name = "Fréquence de mise à jour (mois)")]
        public int UpdateFrequencyMonths { get; set; } = 6;
    }

    public void OnGet() => Form = new StructureForm { OpenedAt = time.GetUtcNow().UtcDateTime.Ticks };

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Vocabulary.Statuses.TryParse(Input.Status, out var status) || !InitialStatuses.Contains(status))
        {
            ModelState.AddModelError("Input.Status", "Une nouvelle structure est « en attente » ou « publiée ».");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var structure = new Structure { Name = Form.Name, Status = status, UpdateFrequencyMonths = Input.UpdateFrequencyMonths, Source = "back office" };
        var errors = await Form.ApplyToAsync(structure, db, geo, time.GetUtcNow().UtcDateTime, author.AuthorLabel);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"Form.{field}", message);
        }
        if (errors.Count > 0)
        {
            return Page();
        }
        db.Structures.Add(structure);
        await db.SaveChangesAsync();
        TempData["Message"] = status == StructureStatus.Publiee ? "Structure créée et publiée." : "Structure créée, en attente de publication.";
        return Redirect($"/admin/structures/{structure.Id}");
    }
}
