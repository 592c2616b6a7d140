using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PareNetwork.Web.Data;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Pages.Shared;
using PareNetwork.Web.History;
using PareNetwork.Web.Transfers;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>
/// « Importer des structures » (/admin/import, coordination only, by the /Admin folder convention): upload a CSV, see
/// what each row would do, then « Appliquer » — which re-reads the stored upload, never posted row data.
/// </summary>
[RequestSizeLimit(MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024)]
public class ImportModel(PareDbContext db, GeoReference geo, ChangeAuthor author, TimeProvider time) : PageModel
{
    /// <summary>20 MB: about 80,000 rows of the export's shape, above the reader's 50,000-row limit.</summary>
    public const int MaxUploadBytes = 20 * 1024 * 1024;

    /// <summary>Above this many rows, unchanged rows are counted but not listed.</summary>
    public const int ListUnchangedUpTo = 500;

    public ImportPlan? Plan { get; private set; }

    /// <summary>Names the stored upload between the preview and « Appliquer ».</summary>
    public string? Token { get; private set; }

    public string? FileName { get; private set; }

    public string? Error { get; private set; }

    public string? Success { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostApercuAsync(IFormFile? fichier, CancellationToken ct)
    {
        if (fichier is null || fichier.Length == 0)
        {
            Error = "Choisissez un fichier CSV à importer.";
            return Page();
        }
        if (fichier.Length > MaxUploadBytes)
        {
            Error = $"Le fichier dépasse {MaxUploadBytes / 1024 / 1024}\u00A0Mo : découpez-le en plusieurs fichiers.";
            return Page();
        }
        byte[] content;
        using (var buffer = new MemoryStream((int)fichier.Length))
        {
            await fichier.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        FileName = Path.GetFileName(fichier.FileName);
        Plan = await NewImport().PreviewAsync(content, ct);
        if (Plan.FileError is null && !Plan.HasErrors && Plan.HasChanges)
        {
            Token = await ImportUploads.For(db).SaveAsync(content, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAppliquerAsync(string? jeton, string? empreinte, string? nom, CancellationToken ct)
    {
        var uploads = ImportUploads.For(db);
        var content = await uploads.ReadAsync(jeton, ct);
        FileName = nom is { Length: > 0 and <= 255 } ? Path.GetFileName(nom) : null;
        if (content is null)
        {
            Error = "Le fichier de l'aperçu n'est plus disponible (plus d'un jour, ou déjà appliqué) : envoyez-le à nouveau.";
            return Page();
        }
        var result = await NewImport().ApplyAsync(content, empreinte ?? "", ct);
        Plan = result.Plan;
        if (result.Applied)
        {
            uploads.Delete(jeton);
            Success = $"Import appliqué : {Display.Count(Plan.Count(ImportOutcome.Creee), "structure créée", "structures créées")}, "
                + $"{Display.Count(Plan.Count(ImportOutcome.MiseAJour), "mise à jour", "mises à jour")}, "
                + $"{Display.Count(Plan.Count(ImportOutcome.Inchangee), "inchangée", "inchangées")}.";
            return Page();
        }
        Error = result.Error;
        // The plan has changed since the preview but is still valid: the same upload can be applied as now shown.
        Token = !Plan.HasErrors && Plan.HasChanges ? jeton : null;
        if (Token is null)
        {
            uploads.Delete(jeton);
        }
        return Page();
    }

    private StructureImport NewImport() => new(db, geo, author, time);

    public static string OutcomeLabel(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Creee => "créée",
        ImportOutcome.MiseAJour => "mise à jour",
        ImportOutcome.Inchangee => "inchangée",
        _ => "erreur",
    };

    public IEnumerable<ImportRowPlan> ListedRows =>
        Plan is null ? []
        : Plan.Rows.Count <= ListUnchangedUpTo ? Plan.Rows
        : Plan.Rows.Where(r => r.Outcome != ImportOutcome.Inchangee);
}
