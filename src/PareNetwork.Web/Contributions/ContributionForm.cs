using System.ComponentModel.DataAnnotations;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Contributions;

/// <summary>
/// What a contribution says, as the public form (/contribuer) and the moderation (/admin/contributions/{id}) edit it:
/// the fields of every kind are on the form, and only the chosen kind's are validated and kept (the others are
/// cleared, so an event's place is only ever the place its submitter typed). Dates and times are Paris time.
/// </summary>
public sealed class ContributionForm : IValidatableObject
{
    public const int MaxDepartements = 20;

    [Display(Name = "Type de contribution")]
    public string? Kind { get; set; }

    [StringLength(300, ErrorMessage = "300 caractères au plus.")]
    [Display(Name = "Titre")]
    public string? Title { get; set; }

    // Événement.
    [Display(Name = "Date de début")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Heure de début")]
    public TimeOnly? StartTime { get; set; }

    [Display(Name = "Date de fin")]
    public DateOnly? EndDate { get; set; }

    [Display(Name = "Heure de fin")]
    public TimeOnly? EndTime { get; set; }

    [Display(Name = "En ligne")]
    public bool Online { get; set; }

    [StringLength(500, ErrorMessage = "500 caractères au plus.")]
    [Display(Name = "Lieu")]
    public string? Place { get; set; }

    [StringLength(300, ErrorMessage = "300 caractères au plus.")]
    [Display(Name = "Organisateur")]
    public string? Organiser { get; set; }

    [StringLength(300, ErrorMessage = "300 caractères au plus.")]
    [Display(Name = "Public visé")]
    public string? Audience { get; set; }

    [StringLength(1000, ErrorMessage = "1 000 caractères au plus.")]
    [Display(Name = "Intervenants")]
    public string? Speakers { get; set; }

    [StringLength(200, ErrorMessage = "200 caractères au plus.")]
    [Display(Name = "Tarif")]
    public string? Price { get; set; }

    [StringLength(1000, ErrorMessage = "1 000 caractères au plus.")]
    [Display(Name = "Lien d'inscription")]
    public string? RegistrationUrl { get; set; }

    [StringLength(8000, ErrorMessage = "8 000 caractères au plus.")]
    [Display(Name = "Présentation de l'événement")]
    public string? EventDescription { get; set; }

    // Actualité du réseau.
    [StringLength(200, ErrorMessage = "200 caractères au plus.")]
    [Display(Name = "Territoire")]
    public string? Territory { get; set; }

    [StringLength(8000, ErrorMessage = "8 000 caractères au plus.")]
    [Display(Name = "Texte")]
    public string? NewsText { get; set; }

    [StringLength(1000, ErrorMessage = "1 000 caractères au plus.")]
    [Display(Name = "Lien")]
    public string? NewsLink { get; set; }

    // Ressource.
    [Display(Name = "Type de ressource")]
    public string? ResourceKind { get; set; }

    [StringLength(300, ErrorMessage = "300 caractères au plus.")]
    [Display(Name = "Auteur ou organisation")]
    public string? Author { get; set; }

    [StringLength(8000, ErrorMessage = "8 000 caractères au plus.")]
    [Display(Name = "Résumé")]
    public string? Summary { get; set; }

    [StringLength(1000, ErrorMessage = "1 000 caractères au plus.")]
    [Display(Name = "Lien")]
    public string? ResourceLink { get; set; }

    // Every kind.
    [Display(Name = "Structure concernée")]
    public int? StructureId { get; set; }

    [Display(Name = "Départements concernés")]
    public List<string> Departements { get; set; } = [];

    public ContributionKind? ParsedKind => ContributionKinds.Parse(Kind);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var kind = ParsedKind;
        if (kind is null)
        {
            yield return Error("Choisissez le type de contribution : événement, actualité du réseau ou ressource.", nameof(Kind));
            yield break;
        }
        if (string.IsNullOrWhiteSpace(Title))
        {
            yield return Error("Indiquez un titre.", nameof(Title));
        }
        if (Departements.Count > MaxDepartements)
        {
            yield return Error($"{MaxDepartements} départements au plus : pour tout le territoire, n'en choisissez aucun.", nameof(Departements));
        }
        var results = kind switch
        {
            ContributionKind.Evenement => ValidateEvent(),
            ContributionKind.Actualite => ValidateNews(),
            _ => ValidateResource(),
        };
        foreach (var result in results)
        {
            yield return result;
        }
    }

    private IEnumerable<ValidationResult> ValidateEvent()
    {
        if (StartDate is null)
        {
            yield return Error("Indiquez la date de l'événement.", nameof(StartDate));
        }
        if (EndTime is not null && EndDate is null && StartTime is null)
        {
            yield return Error("Indiquez l'heure de début, ou la date de fin.", nameof(StartTime));
        }
        if (StartsAtUtc() is { } start && EndsAtUtc() is { } end && end < start)
        {
            yield return Error("La fin doit venir après le début.", EndDate is null ? nameof(EndTime) : nameof(EndDate));
        }
        if (!Online && string.IsNullOrWhiteSpace(Place))
        {
            yield return Error("Indiquez le lieu de l'événement, ou cochez « En ligne ».", nameof(Place));
        }
        if (string.IsNullOrWhiteSpace(Organiser))
        {
            yield return Error("Indiquez qui organise l'événement.", nameof(Organiser));
        }
        if (!IsWebLink(RegistrationUrl))
        {
            yield return Error(LinkError, nameof(RegistrationUrl));
        }
    }

    private IEnumerable<ValidationResult> ValidateNews()
    {
        if (string.IsNullOrWhiteSpace(NewsText))
        {
            yield return Error("Écrivez le texte de l'actualité.", nameof(NewsText));
        }
        if (!IsWebLink(NewsLink))
        {
            yield return Error(LinkError, nameof(NewsLink));
        }
    }

    private IEnumerable<ValidationResult> ValidateResource()
    {
        if (ResourceKinds.Find(ResourceKind) is null)
        {
            yield return Error("Choisissez le type de ressource.", nameof(ResourceKind));
        }
        if (string.IsNullOrWhiteSpace(Author))
        {
            yield return Error("Indiquez l'auteur ou l'organisation qui publie la ressource.", nameof(Author));
        }
        if (string.IsNullOrWhiteSpace(Summary))
        {
            yield return Error("Résumez la ressource en quelques lignes.", nameof(Summary));
        }
        if (!IsWebLink(ResourceLink))
        {
            yield return Error(LinkError, nameof(ResourceLink));
        }
    }

    /// <summary>The structure must be a published one (the public catalogue), the départements known ones; errors by member name.</summary>
    public IEnumerable<(string Member, string Message)> ReferenceErrors(CatalogSnapshot catalog, GeoReference geo)
    {
        if (StructureId is { } id && !catalog.ById.ContainsKey(id))
        {
            yield return (nameof(StructureId), "Choisissez une structure de la liste.");
        }
        if (Departements.FirstOrDefault(d => !geo.DepartementsByCode.ContainsKey(d.Trim().ToUpperInvariant())) is { } unknown)
        {
            yield return (nameof(Departements), $"Département inconnu : « {unknown} ».");
        }
    }

    private const string LinkError = "Indiquez une adresse web complète, commençant par https:// (ou laissez le champ vide).";

    private static ValidationResult Error(string message, string member) => new(message, [member]);

    /// <summary>Empty, or an absolute http(s) address.</summary>
    public static bool IsWebLink(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0);

    /// <summary>The start in UTC: the date at its time in Paris, or at midnight when no time is given.</summary>
    public DateTime? StartsAtUtc() => StartDate is { } date ? ParisToUtc(date, StartTime ?? TimeOnly.MinValue) : null;

    /// <summary>The end in UTC: the end date (or the start date) at the end time; null when neither is given.</summary>
    public DateTime? EndsAtUtc() => (EndDate, EndTime) switch
    {
        ({ } date, { } time) => ParisToUtc(date, time),
        ({ } date, null) => ParisToUtc(date, TimeOnly.MinValue),
        (null, { } time) when StartDate is { } start => ParisToUtc(start, time),
        _ => null,
    };

    private static DateTime ParisToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), Display.Paris);

    /// <summary>The form of a stored contribution, for the moderation's edit.</summary>
    public static ContributionForm From(Contribution c)
    {
        var form = new ContributionForm
        {
            Kind = ContributionKinds.Code(c.Kind),
            Title = c.Title,
            StructureId = c.StructureId,
            Departements = [.. c.DepartementCodes],
        };
        switch (c.Kind)
        {
            case ContributionKind.Evenement:
                if (c.StartsAt is { } start)
                {
                    var local = Display.ParisTime(start);
                    form.StartDate = DateOnly.FromDateTime(local);
                    form.StartTime = local.TimeOfDay == TimeSpan.Zero ? null : TimeOnly.FromDateTime(local);
                }
                if (c.EndsAt is { } end)
                {
                    var local = Display.ParisTime(end);
                    form.EndDate = DateOnly.FromDateTime(local);
                    form.EndTime = local.TimeOfDay == TimeSpan.Zero ? null : TimeOnly.FromDateTime(local);
                }
                form.Online = c.Online;
                form.Place = c.Place;
                form.Organiser = c.Organiser;
                form.Audience = c.Audience;
                form.Speakers = c.Speakers;
                form.Price = c.Price;
                form.RegistrationUrl = c.RegistrationUrl;
                form.EventDescription = c.Text;
                break;
            case ContributionKind.Actualite:
                form.Territory = c.Territory;
                form.NewsText = c.Text;
                form.NewsLink = c.Link;
                break;
            default:
                form.ResourceKind = c.ResourceKind;
                form.Author = c.Author;
                form.Summary = c.Text;
                form.ResourceLink = c.Link;
                break;
        }
        return form;
    }

    /// <summary>Writes a valid form to the entity: the chosen kind's fields, every other kind's cleared.</summary>
    public void ApplyTo(Contribution c)
    {
        var kind = ParsedKind ?? throw new InvalidOperationException("The form was not validated.");
        c.Kind = kind;
        c.Title = Clean(Title) ?? "";
        c.StructureId = StructureId;
        c.DepartementCodes = [.. Departements.Select(d => d.Trim().ToUpperInvariant()).Where(d => d.Length > 0).Distinct().Order(StringComparer.Ordinal)];
        var isEvent = kind == ContributionKind.Evenement;
        var isNews = kind == ContributionKind.Actualite;
        var isResource = kind == ContributionKind.Ressource;
        c.StartsAt = isEvent ? StartsAtUtc() : null;
        c.EndsAt = isEvent ? EndsAtUtc() : null;
        c.Online = isEvent && Online;
        c.Place = isEvent ? Clean(Place) : null;
        c.Organiser = isEvent ? Clean(Organiser) : null;
        c.Audience = isEvent ? Clean(Audience) : null;
        c.Speakers = isEvent ? Clean(Speakers) : null;
        c.Price = isEvent ? Clean(Price) : null;
        c.RegistrationUrl = isEvent ? Clean(RegistrationUrl) : null;
        c.Territory = isNews ? Clean(Territory) : null;
        c.ResourceKind = isResource ? ResourceKinds.Find(ResourceKind)?.Code : null;
        c.Author = isResource ? Clean(Author) : null;
        c.Text = kind switch
        {
            ContributionKind.Evenement => Clean(EventDescription),
            ContributionKind.Actualite => Clean(NewsText),
            _ => Clean(Summary),
        };
        c.Link = isNews ? Clean(NewsLink) : isResource ? Clean(ResourceLink) : null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The codes the forms and the filters use for <see cref="ContributionKind"/>, and their French labels.</summary>
public static class ContributionKinds
{
    public static readonly IReadOnlyList<(ContributionKind Kind, string Code, string Label)> All =
    [
        (ContributionKind.Evenement, "evenement", "Événement"),
        (ContributionKind.Actualite, "actualite", "Actualité du réseau"),
        (ContributionKind.Ressource, "ressource", "Ressource"),
    ];

    public static ContributionKind? Parse(string? code) =>
        All.Where(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(k => (ContributionKind?)k.Kind).FirstOrDefault();

    public static string Code(ContributionKind kind) => All.Single(k => k.Kind == kind).Code;

    public static string Label(ContributionKind kind) => All.Single(k => k.Kind == kind).Label;
}
