namespace PareNetwork.Web.Adhesions;

public enum ApplicationStatus
{
    EnAttente,

    /// <summary>The coordination asked the applicant for more information; it can still accept or refuse.</summary>
    InformationDemandee,

    Acceptee,

    Refusee,
}

/// <summary>
/// « Rejoindre le réseau »: a person asks for their structure to join the PARÉ network. For a structure already on the
/// map, a signed-in applicant's request to manage it is the accounts issue's link request (<see cref="LinkRequestId"/>);
/// a new structure is created pending. The coordination accepts (a new structure is published, the person invited to
/// manage it), asks for more information, or refuses with a reason; each step e-mails the applicant.
/// </summary>
public class MembershipApplication
{
    public const string CharterVersion = "2026-12";

    /// <summary>The charter's text is the coordination's: its address is configured (<c>Pare:Coordination:CharterUrl</c>).</summary>
    public const string CharterWording =
        "J'ai pris connaissance de la charte du réseau PARÉ et m'engage à la respecter au nom de ma structure.";

    public const string ConsentVersion = "2026-12";

    public const string ConsentWording =
        "J'accepte que la coordination du réseau PARÉ (Droit d'Enfance) conserve ces informations pour examiner la demande et, si elle est acceptée, pour animer le réseau.";

    public const string Anonymised = "[anonymisé]";

    public int Id { get; private set; }

    public required string ApplicantName { get; set; }

    /// <summary>The applicant's role in the structure.</summary>
    public required string ApplicantRole { get; set; }

    public required string ApplicantEmail { get; set; }

    public string? ApplicantPhone { get; set; }

    /// <summary>The account that applied, when signed in.</summary>
    public string? UserId { get; init; }

    public int StructureId { get; init; }

    /// <summary>True when the structure was created by this application (pending until accepted).</summary>
    public bool NewStructure { get; init; }

    /// <summary>The link request made with this application for an existing structure by a signed-in applicant.</summary>
    public int? LinkRequestId { get; init; }

    /// <summary>What the applicant expects from the network.</summary>
    public string? Expectations { get; set; }

    public required string CharterAccepted { get; init; }

    public required string ConsentAccepted { get; init; }

    public DateTime CreatedAt { get; init; }

    private ApplicationStatus _status = ApplicationStatus.EnAttente;

    public ApplicationStatus Status { get => _status; private set => _status = value; }

    /// <summary>The last question asked, when more information was requested.</summary>
    public string? Question { get; private set; }

    public DateTime? QuestionAskedAt { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? RefusalReason { get; private set; }

    public bool IsOpen => Status is ApplicationStatus.EnAttente or ApplicationStatus.InformationDemandee;

    public bool AskForInformation(string question, DateTime at)
    {
        if (!IsOpen)
        {
            return false;
        }
        Status = ApplicationStatus.InformationDemandee;
        Question = question;
        QuestionAskedAt = at;
        return true;
    }

    public bool Accept(DateTime at, string by) => Decide(ApplicationStatus.Acceptee, at, by);

    public bool Refuse(DateTime at, string by, string reason)
    {
        if (!Decide(ApplicationStatus.Refusee, at, by))
        {
            return false;
        }
        RefusalReason = reason;
        return true;
    }

    public DateTime? AnonymisedAt { get; private set; }

    /// <summary>
    /// Removes who applied and what they wrote; the structure, the dates and the decision stay for the audit. An
    /// application still open is closed first (refused by the retention), so that nothing waits on an anonymous one.
    /// </summary>
    public void Anonymise(DateTime at)
    {
        if (IsOpen)
        {
            Refuse(at, "rétention", Anonymised);
        }
        ApplicantName = Anonymised;
        ApplicantRole = Anonymised;
        ApplicantEmail = Anonymised;
        ApplicantPhone = null;
        Expectations = null;
        Question = Question is null ? null : Anonymised;
        RefusalReason = RefusalReason is null ? null : Anonymised;
        AnonymisedAt = at;
    }

    private bool Decide(ApplicationStatus status, DateTime at, string by)
    {
        if (!IsOpen)
        {
            return false;
        }
        Status = status;
        DecidedAt = at;
        DecidedBy = by;
        return true;
    }
}
