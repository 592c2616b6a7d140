namespace PareNetwork.Web.Contributions;

public enum ContributionKind
{
    Evenement,
    Actualite,
    Ressource,
}

public enum ContributionStatus
{
    /// <summary>Submitted through /contribuer, waiting for the coordination.</summary>
    EnAttente,

    /// <summary>In the resource centre, the agenda and the feeds.</summary>
    Publiee,

    Refusee,

    /// <summary>Already published under another item (<see cref="Contribution.DuplicateOfId"/>).</summary>
    Doublon,
}

/// <summary>
/// What the network submits — an event, a piece of network news or a resource — moderated once by the coordination,
/// then published in the resource centre, the agenda and the feeds. An event's place is its own field, never taken
/// from the structure it is tied to: a confidential structure lends its name at most, never its address or point.
/// </summary>
public class Contribution
{
    public int Id { get; private set; }

    public ContributionKind Kind { get; set; }

    private ContributionStatus _status = ContributionStatus.EnAttente;

    /// <summary>Chosen at creation (a seeded item is published); afterwards changed only by the moderation methods.</summary>
    public ContributionStatus Status { get => _status; init => _status = value; }

    public required string Title { get; set; }

    /// <summary>The summary of a resource, the text of a news item, the description of an event (plain text).</summary>
    public string? Text { get; set; }

    public string? Link { get; set; }

    /// <summary>The structure it is tied to, if any (its name only is shown when it is confidential).</summary>
    public int? StructureId { get; set; }

    /// <summary>Codes of the départements it concerns; empty = national.</summary>
    public List<string> DepartementCodes { get; set; } = [];

    /// <summary>Free labels the centre filters on (« prévention », « parents »…).</summary>
    public List<string> Themes { get; set; } = [];

    /// <summary>Who it is for (« professionnels », « parents », « jeunes »…).</summary>
    public string? Audience { get; set; }

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    /// <summary>An event's place as given by its submitter (address or venue), never the structure's.</summary>
    public string? Place { get; set; }

    public bool Online { get; set; }

    public string? Organiser { get; set; }

    public string? Speakers { get; set; }

    public string? Price { get; set; }

    public string? RegistrationUrl { get; set; }

    /// <summary>A news item's territory (« Hauts-de-France », « national »…).</summary>
    public string? Territory { get; set; }

    /// <summary>A resource's kind code (guide, rapport, outil, livre, video, podcast, enquete, campagne, vademecum…).</summary>
    public string? ResourceKind { get; set; }

    /// <summary>A resource's author or publishing organisation.</summary>
    public string? Author { get; set; }

    /// <summary>When it was published by its author (a resource's year comes from it).</summary>
    public DateOnly? PublishedOn { get; set; }

    /// <summary>The attached file: its generated name on disk (outside wwwroot), original name, checked type and size.</summary>
    public string? FileName { get; set; }

    public string? FileOriginalName { get; set; }

    public string? FileContentType { get; set; }

    public long? FileSize { get; set; }

    /// <summary>The submitter: kept for the moderation's questions, never published.</summary>
    public string? SubmitterName { get; set; }

    public string? SubmitterEmail { get; set; }

    public DateTime SubmittedAt { get; set; }

    public DateTime? ModeratedAt { get; private set; }

    /// <summary>Who moderated (pseudonymous label).</summary>
    public string? ModeratedBy { get; private set; }

    public string? RefusalReason { get; private set; }

    public int? DuplicateOfId { get; private set; }

    /// <summary>How it came in ("seed:…", "formulaire"), for provenance.</summary>
    public string? Source { get; set; }

    public bool IsPublished => Status == ContributionStatus.Publiee;

    public bool IsPending => Status == ContributionStatus.EnAttente;

    public void Publish(DateTime at, string by) => Decide(ContributionStatus.Publiee, at, by);

    public void Refuse(DateTime at, string by, string reason)
    {
        Decide(ContributionStatus.Refusee, at, by);
        RefusalReason = reason;
    }

    public void MarkDuplicateOf(int publishedId, DateTime at, string by)
    {
        Decide(ContributionStatus.Doublon, at, by);
        DuplicateOfId = publishedId;
    }

    /// <summary>When the submitter agreed to be contacted about it (the public form requires it); null for seeded items.</summary>
    public DateTime? ContactConsentAt { get; set; }

    public bool HasFile => FileName is not null;

    /// <summary>Forgets the attached file (its bytes are deleted by the caller): retention, or the coordination's choice.</summary>
    public void RemoveFile()
    {
        FileName = null;
        FileOriginalName = null;
        FileContentType = null;
        FileSize = null;
    }

    private void Decide(ContributionStatus status, DateTime at, string by)
    {
        if (!IsPending)
        {
            throw new InvalidOperationException("Cette contribution a déjà été modérée.");
        }
        _status = status;
        ModeratedAt = at;
        ModeratedBy = by;
    }
}
