using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Contributions.Uploads;
using PareNetwork.Web.Data;
using PareNetwork.Web.Forms;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Pages.Shared;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages;

/// <summary>
/// « Proposer une contribution » (/contribuer): an event, a piece of network news or a resource (with an optional
/// file), sent to the coordination for moderation. The multipart body is read as a stream (<see cref="StreamedForm"/>):
/// the antiforgery token is checked by hand before anything else is read — the framework's automatic check would read
/// the whole form first — and the file goes to a temporary path, moved into the uploads only once the record is saved.
/// </summary>
[EnableRateLimiting(PublicForms.RateLimitPolicy)]
[IgnoreAntiforgeryToken]
[NoFormBinding]
public class ContribuerModel(
    PareDbContext db,
    StructureCatalog catalog,
    GeoReference geo,
    UploadStore store,
    IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> antiforgeryOptions,
    IOptions<UploadOptions> uploadOptions,
    IOptions<CoordinationOptions> coordination,
    UserManager<PareUser> users,
    TimeProvider time,
    IConfiguration configuration) : PageModel
{
    public const string FileField = "fichier";

    public sealed class SubmitterModel
    {
        [Required(ErrorMessage = "Indiquez votre nom.")]
        [StringLength(200, ErrorMessage = "200 caractères au plus.")]
        [Display(Name = "Votre nom")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Indiquez votre adresse électronique : la coordination vous écrira à son sujet.")]
        [EmailAddress(ErrorMessage = "Adresse électronique invalide.")]
        [StringLength(254, ErrorMessage = "Adresse trop longue.")]
        [Display(Name = "Votre adresse électronique")]
        public string? Email { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Cochez cette case : la coordination doit pouvoir vous écrire au sujet de votre contribution.")]
        [Display(Name = "J'accepte d'être contacté(e)")]
        public bool Consent { get; set; }
    }

    public ContributionForm Input { get; set; } = new();

    public SubmitterModel Submitter { get; set; } = new();

    public bool Sent { get; private set; }

    /// <summary>Said when a file was chosen but the form is shown again: a browser never keeps a chosen file.</summary>
    public string? FileNotice { get; private set; }

    /// <summary>Why nothing of the submission could be read (it is not shown again).</summary>
    public string? Problem { get; private set; }

    public long MaxBytes => uploadOptions.Value.MaxBytes;

    public string MaxBytesLabel => ContributionFiles.SizeLabel(MaxBytes);

    public void OnGet(bool envoye = false, string? type = null)
    {
        Sent = envoye;
        Input.Kind = ContributionKinds.Parse(type) is { } kind ? ContributionKinds.Code(kind) : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            return await PostMultipartAsync(ct);
        }
        if (!Request.HasFormContentType)
        {
            return Unreadable();
        }
        // A form without a file (urlencoded): small, read by the framework within its default limits.
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return Unreadable();
        }
        var fields = await Request.ReadFormAsync(ct);
        return Honeypot.IsTripped(fields[Honeypot.FieldName]) ? Thanks() : await SubmitAsync(fields, null);
    }

    private async Task<IActionResult> PostMultipartAsync(CancellationToken ct)
    {
        var limit = MaxBytes + UploadOptions.FormOverheadBytes;
        // This request alone may exceed the server's default body size (30 MB), up to the file limit and the fields.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }
        if (Request.ContentLength > limit)
        {
            // Nothing is read: the antiforgery token is not even looked at, and nothing can be kept.
            FileNotice = "Rien n'a pu être lu de votre envoi. Si votre navigateur a effacé le formulaire, saisissez-le à nouveau, puis choisissez un fichier plus léger.";
            ModelState.AddModelError(FileField, TooLargeMessage);
            return StatusPage(StatusCodes.Status413PayloadTooLarge);
        }
        await using var form = await StreamedForm.ReadAsync(Request, antiforgery, antiforgeryOptions.Value, store, FileField, MaxBytes, ct);
        if (form.Outcome is StreamedFormOutcome.Forged or StreamedFormOutcome.Interrupted)
        {
            // No valid token first, a lost connection or not a form at all: nothing was stored, nothing is shown again.
            return Unreadable();
        }
        var fields = form.Fields;
        if (Honeypot.IsTripped(fields[Honeypot.FieldName]))
        {
            return Thanks();
        }
        return await SubmitAsync(fields, form);
    }

    private async Task<IActionResult> SubmitAsync(IFormCollection fields, StreamedForm? form)
    {
        var values = new FormValueProvider(BindingSource.Form, fields, CultureInfo.CurrentCulture);
        await TryUpdateModelAsync(Input, nameof(Input), values);
        await TryUpdateModelAsync(Submitter, nameof(Submitter), values);
        await CheckReferencesAsync();

        UploadedFileType? fileType = null;
        var withFile = form is { FileChosen: true } && Input.ParsedKind == ContributionKind.Ressource;
        if (form?.Outcome == StreamedFormOutcome.TooLarge)
        {
            ModelState.AddModelError(FileField, TooLargeMessage);
        }
        else if (withFile)
        {
            fileType = CheckFile(form!);
        }
        if (!ModelState.IsValid)
        {
            if (form is { FileChosen: true, FileName: { } name })
            {
                FileNotice = $"Votre fichier « {name} » n'a pas été conservé : choisissez-le à nouveau avant d'envoyer le formulaire.";
            }
            return StatusPage(form?.Outcome == StreamedFormOutcome.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status200OK);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var contribution = new Contribution
        {
            Title = "",
            SubmittedAt = now,
            Source = "formulaire",
            SubmitterName = Submitter.Name!.Trim(),
            SubmitterEmail = Submitter.Email!.Trim(),
            ContactConsentAt = now,
        };
        Input.ApplyTo(contribution);
        string? storedName = null;
        if (fileType is not null)
        {
            storedName = UploadStore.NewStoredName(fileType);
            contribution.FileName = storedName;
            contribution.FileOriginalName = Path.ChangeExtension(form!.FileName, fileType.Extension);
            contribution.FileContentType = fileType.ContentType;
            contribution.FileSize = form.FileSize;
        }
        db.Contributions.Add(contribution);
        var moderation = AccountMails.BaseUrl(Request, configuration) + "/admin/contributions";
        ContributionMails.Awaiting(db, time, await ContributionMails.CoordinationAddressesAsync(coordination.Value, users), contribution, moderation);
        ContributionMails.Acknowledged(db, time, contribution);

        // Once everything is read, the save completes even if the visitor leaves: record and file, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        if (storedName is not null)
        {
            store.Commit(form!.PartialPath!, storedName);
            form.Release();
        }
        try
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch
        {
            store.Delete(storedName);
            throw;
        }
        return Thanks();
    }

    private RedirectToPageResult Thanks() => RedirectToPage(new { envoye = "true" });

    /// <summary>The form could not be read at all (no valid token, a broken body): shown empty again with a French explanation.</summary>
    private PageResult Unreadable()
    {
        Problem = "Votre envoi n'a pas pu être vérifié (la page était peut-être ouverte depuis trop longtemps, ou la connexion a été coupée) : rien n'a été enregistré. Saisissez à nouveau votre contribution et envoyez-la.";
        return StatusPage(StatusCodes.Status400BadRequest);
    }

    private string TooLargeMessage => $"Le fichier dépasse {MaxBytesLabel} : choisissez un fichier plus léger, ou indiquez plutôt un lien vers la ressource.";

    /// <summary>The type by content; an image re-encoded without its metadata. Null (and a French error) when refused.</summary>
    private UploadedFileType? CheckFile(StreamedForm form)
    {
        if (form.FileSize == 0)
        {
            ModelState.AddModelError(FileField, "Le fichier choisi est vide.");
            return null;
        }
        var type = UploadedFileType.Detect(form.PartialPath!);
        if (type is null)
        {
            ModelState.AddModelError(FileField, $"Ce type de fichier n'est pas accepté : {UploadedFileType.AcceptedList} seulement (le contenu du fichier est vérifié, pas son nom).");
            return null;
        }
        if (type.IsImage)
        {
            var cleaned = store.NewPartialPath();
            if (!ImageScrubber.TryScrub(form.PartialPath!, cleaned, type, uploadOptions.Value.MaxImagePixels))
            {
                UploadStore.DeletePartial(cleaned);
                ModelState.AddModelError(FileField, $"Cette image n'a pas pu être lue, ou elle est trop grande ({Display.Number(uploadOptions.Value.MaxImagePixels / 1_000_000)} millions de pixels au plus).");
                return null;
            }
            form.ReplacePartial(cleaned);
        }
        return type;
    }

    private async Task CheckReferencesAsync()
    {
        foreach (var (member, message) in Input.ReferenceErrors(await catalog.GetAsync(), geo))
        {
            ModelState.AddModelError($"{nameof(Input)}.{member}", message);
        }
    }

    private PageResult StatusPage(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}
