using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Adhesions;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.Pages.Admin;

/// <summary>
/// The coordination reviews the applications to join the network: accept (a new structure is published and the person
/// invited to manage it; for an existing one, managing it stays a link request reviewed on its own), ask for more
/// information, or refuse with a reason. Each step e-mails the applicant.
/// </summary>
public class AdhesionsModel(PareDbContext db, IChangeContext author, TimeProvider time, IConfiguration configuration) : PageModel
{
    public const int DecidedShown = 50;

    public sealed record Row(MembershipApplication Application, string StructureName, StructureStatus StructureStatus, bool Confidential, bool PublicAddressRequested);

    public sealed class MessageModel
    {
        [Required(ErrorMessage = "Écrivez le message : il est envoyé au demandeur.")]
        [StringLength(2000, ErrorMessage = "2 000 caractères au plus.")]
        public string Text { get; set; } = "";
    }

    [BindProperty]
    public MessageModel Message { get; set; } = new();

    public IReadOnlyList<Row> Open { get; private set; } = [];

    public IReadOnlyList<Row> Decided { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The application and the action ("question" or "refus") whose message failed validation.</summary>
    public (int Id, string Action)? MessageFailedFor { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAccepterAsync(int adhesion)
    {
        ModelState.Clear();
        if (await db.MembershipApplications.FindAsync(adhesion) is not { } application)
        {
            return NotFound();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var structure = await db.Structures.SingleAsync(s => s.Id == application.StructureId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!application.Accept(now, author.AuthorLabel))
        {
            Notice = "Cette demande avait déjà été traitée : rien n'a changé.";
            return RedirectToPage();
        }
        if (application.NewStructure && structure.Status == StructureStatus.EnAttente)
        {
            structure.MoveTo(StructureStatus.Publiee);
        }
        var baseUrl = AccountMails.BaseUrl(Request, configuration);
        if (application.NewStructure)
        {
            // The structure is theirs: it did not exist before they described it.
            var (invitation, token) = Invitation.Create(application.ApplicantEmail, structure.Id, author.AuthorLabel, now);
            db.Invitations.Add(invitation);
            var link = QueryHelpers.AddQueryString($"{baseUrl}/invitation", "jeton", token);
            AdhesionMails.Accepted(db, time, application.ApplicantEmail, structure.Name, link,
                $"Pour gérer sa fiche sur la plateforme, acceptez cette invitation (valable jusqu'au {Shared.Display.DateAndTime(invitation.ExpiresAt)}, une seule fois) :");
        }
        else
        {
            // Joining never hands an existing record to whoever typed its name: managing it stays a link request,
            // reviewed on its own at /admin/demandes (a shelter's private contact is at stake).
            AdhesionMails.Accepted(db, time, application.ApplicantEmail, structure.Name, $"{baseUrl}/structures/{structure.Id}/representer",
                application.LinkRequestId is null
                    ? "Pour gérer sa fiche sur la plateforme, créez un compte puis demandez à représenter la structure :"
                    : "Votre demande pour gérer sa fiche est examinée à part ; vous recevrez un message. Sa fiche :");
        }
        if (!await db.SaveUnlessDecidedMeanwhileAsync())
        {
            Notice = "Cette demande avait déjà été traitée : rien n'a changé.";
            return RedirectToPage();
        }
        await transaction.CommitAsync();
        Notice = application.NewStructure
            ? $"Adhésion acceptée : « {structure.Name} » est publiée et le demandeur invité à gérer sa fiche."
            : application.LinkRequestId is null
                ? $"Adhésion acceptée pour « {structure.Name} » ; la gestion de sa fiche passe par une demande de rattachement."
                : $"Adhésion acceptée pour « {structure.Name} » ; sa demande de rattachement reste à examiner dans « Demandes de rattachement ».";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostQuestionAsync(int adhesion)
    {
        if (await db.MembershipApplications.FindAsync(adhesion) is not { } application)
        {
            return NotFound();
        }
        if (!application.IsOpen)
        {
            Notice = "Cette demande avait déjà été traitée : rien n'a changé.";
            return RedirectToPage();
        }
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Message.Text))
        {
            return await FailedAsync(adhesion, "question");
        }
        var question = Message.Text.Trim();
        application.AskForInformation(question, time.GetUtcNow().UtcDateTime);
        AdhesionMails.InformationRequested(db, time, application.ApplicantEmail, await StructureNameAsync(application.StructureId), question);
        Notice = await db.SaveUnlessDecidedMeanwhileAsync() ? "Question envoyée au demandeur ; sa réponse vous arrivera par courriel." : "Cette demande avait déjà été traitée : rien n'a changé.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRefuserAsync(int adhesion)
    {
        if (await db.MembershipApplications.FindAsync(adhesion) is not { } application)
        {
            return NotFound();
        }
        if (!application.IsOpen)
        {
            Notice = "Cette demande avait déjà été traitée : rien n'a changé.";
            return RedirectToPage();
        }
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Message.Text))
        {
            return await FailedAsync(adhesion, "refus");
        }
        var reason = Message.Text.Trim();
        var now = time.GetUtcNow().UtcDateTime;
        var structure = await db.Structures.SingleAsync(s => s.Id == application.StructureId);
        application.Refuse(now, author.AuthorLabel, reason);
        if (application.NewStructure && structure.Status == StructureStatus.EnAttente)
        {
            structure.MoveTo(StructureStatus.Refusee);
        }
        if (application.LinkRequestId is { } requestId && await db.LinkRequests.FindAsync(requestId) is { IsPending: true } request)
        {
            request.Refuse(now, author.AuthorLabel, reason);
        }
        AdhesionMails.Refused(db, time, application.ApplicantEmail, structure.Name, reason);
        Notice = await db.SaveUnlessDecidedMeanwhileAsync() ? "Adhésion refusée ; le demandeur en est informé par courriel." : "Cette demande avait déjà été traitée : rien n'a changé.";
        return RedirectToPage();
    }

    private async Task<IActionResult> FailedAsync(int adhesion, string action)
    {
        MessageFailedFor = (adhesion, action);
        await LoadAsync();
        return Page();
    }

    private Task<string> StructureNameAsync(int id) => db.Structures.Where(s => s.Id == id).Select(s => s.Name).SingleAsync();

    private async Task LoadAsync()
    {
        var rows = (from a in db.MembershipApplications.AsNoTracking()
                    join s in db.Structures on a.StructureId equals s.Id
                    select new { Application = a, s.Name, s.Status, s.AddressVisibility, s.PublicAddressRequestedAt }).AsAsyncEnumerable();
        var all = new List<Row>();
        await foreach (var x in rows)
        {
            all.Add(new Row(x.Application, x.Name, x.Status, x.AddressVisibility == AddressVisibility.Confidentielle, x.PublicAddressRequestedAt != null));
        }
        Open = [.. all.Where(r => r.Application.IsOpen).OrderBy(r => r.Application.CreatedAt)];
        Decided = [.. all.Where(r => !r.Application.IsOpen).OrderByDescending(r => r.Application.DecidedAt).Take(DecidedShown)];
    }
}
