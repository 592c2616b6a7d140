namespace PareNetwork.Web.ContactRequests;

public enum ContactRequestStatus
{
    EnAttente,

    /// <summary>Sent by the coordination to the structure's private contact; the structure decides whether to reply.</summary>
    Transmise,

    Refusee,
}

/// <summary>
/// A professional asks to be put in touch with a confidential structure. The coordination checks the professional,
/// then forwards the request to the structure — never the structure's contact to the requester — or refuses it with
/// a reason. Every request and decision is kept, then anonymised after the retention period.
/// </summary>
public class ContactRequest
{
    /// <summary>The version of <see cref="ConsentWording"/>, stored with each request as proof of what was accepted.</summary>
    public const string ConsentVersion = "2026-12";

    public const string ConsentWording =
        "J'accepte que la coordination du réseau PARÉ conserve ces informations pendant douze mois au plus et les transmette à la structure concernée si elle valide ma demande.";

    public const string Anonymised = "[anonymisé]";

    public int Id { get; private set; }

    public int StructureId { get; init; }

    public required string RequesterName { get; set; }

    /// <summary>The requester's profession or position (« assistante sociale », « éducateur PJJ »…).</summary>
    public required string RequesterRole { get; set; }

    /// <summary>The requester's own structure or employer.</summary>
    public required string RequesterOrganisation { get; set; }

    public required string RequesterEmail { get; set; }

    public string? RequesterPhone { get; set; }

    /// <summary>The situation in a few words, without the name of any minor.</summary>
    public required string Situation { get; set; }

    public required string ConsentAccepted { get; init; }

    public DateTime CreatedAt { get; init; }

    private ContactRequestStatus _status = ContactRequestStatus.EnAttente;

    public ContactRequestStatus Status { get => _status; private set => _status = value; }

    public DateTime? DecidedAt { get; private set; }

    /// <summary>Who decided (pseudonymous label of a coordination account).</summary>
    public string? DecidedBy { get; private set; }

    public string? RefusalReason { get; private set; }

    public DateTime? AnonymisedAt { get; private set; }

    public bool IsPending => Status == ContactRequestStatus.EnAttente;

    public void Forward(DateTime at, string by) => Decide(ContactRequestStatus.Transmise, at, by);

    public void Refuse(DateTime at, string by, string reason)
    {
        Decide(ContactRequestStatus.Refusee, at, by);
        RefusalReason = reason;
    }

    /// <summary>
    /// Removes who asked and what they wrote; the structure, the dates and the decision stay for the audit. A request
    /// still pending is decided on first: it is refused with a note, so that nothing waits on an anonymous request.
    /// </summary>
    public void Anonymise(DateTime at)
    {
        if (IsPending)
        {
            Decide(ContactRequestStatus.Refusee, at, "rétention");
        }
        RequesterName = Anonymised;
        RequesterRole = Anonymised;
        RequesterOrganisation = Anonymised;
        RequesterEmail = Anonymised;
        RequesterPhone = null;
        Situation = Anonymised;
        RefusalReason = RefusalReason is null ? null : Anonymised;
        AnonymisedAt = at;
    }

    private void Decide(ContactRequestStatus status, DateTime at, string by)
    {
        if (!IsPending)
        {
            throw new InvalidOperationException("Cette demande a déjà été traitée.");
        }
        Status = status;
        DecidedAt = at;
        DecidedBy = by;
    }
}
