using NetTopologySuite.Geometries;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Domain;

public class Structure
{
    public int Id { get; private set; }

    /// <summary>Stable key from the source that created the record (seed or import); never reused.</summary>
    public string? ExternalKey { get; set; }

    public required string Name { get; set; }

    public string? Acronym { get; set; }

    public StructureNature Nature { get; set; }

    public string? Description { get; set; }

    public List<StructureAction> Actions { get; set; } = [];

    public List<StructurePublic> Publics { get; set; } = [];

    public Scope Scope { get; set; }

    /// <summary>The départements the structure serves, as declared; a national structure serves them all.</summary>
    public List<Departement> Departements { get; set; } = [];

    public string? Address { get; set; }

    public string? CommuneCode { get; private set; }

    public Commune? Commune { get; private set; }

    public Point? Location { get; private set; }

    public LocationPrecision LocationPrecision { get; private set; } = LocationPrecision.Departement;

    private AddressVisibility _addressVisibility;

    /// <summary>
    /// Set freely when a record is created; afterwards a structure becomes confidential at once, but leaves
    /// confidentiality only through <see cref="RequestPublicAddress"/> and the coordination's <see cref="ApprovePublicAddress"/>.
    /// </summary>
    public AddressVisibility AddressVisibility { get => _addressVisibility; init => _addressVisibility = value; }

    /// <summary>When someone (member, import, restore) asked to publish the address; it stays confidential until approved.</summary>
    public DateTime? PublicAddressRequestedAt { get; private set; }

    public string? PublicAddressRequestedBy { get; private set; }

    /// <summary>The private contact: for the coordination (and, later, approved professionals) only, never the public.</summary>
    public string? PrivateEmail { get; set; }

    public string? PrivatePhone { get; set; }

    public string? PrivateAddress { get; set; }

    /// <summary>How often a person should confirm the record (months); 6 by default.</summary>
    public int UpdateFrequencyMonths { get; set; } = 6;

    /// <summary>Who last confirmed the record (a pseudonymous label), with <see cref="ConfirmedAt"/>.</summary>
    public string? ConfirmedBy { get; private set; }

    /// <summary>The structure this one was merged into; its old URL redirects there.</summary>
    public int? MergedIntoId { get; private set; }

    public List<string> Phones { get; set; } = [];

    public string? Email { get; set; }

    public string? Website { get; set; }

    /// <summary>Social accounts as "network:handle".</summary>
    public List<string> SocialAccounts { get; set; } = [];

    public string? OpeningHours { get; set; }

    private StructureStatus _status = StructureStatus.EnAttente;

    /// <summary>Chosen when the record is created (seed, import, creation); afterwards changed only by <see cref="MoveTo"/> and <see cref="MergeInto"/>.</summary>
    public StructureStatus Status { get => _status; init => _status = value; }

    /// <summary>When a person last confirmed the record is right; distinct from <see cref="UpdatedAt"/>.</summary>
    public DateTime? ConfirmedAt { get; private set; }

    /// <summary>How the record came in (e.g. "seed:003_….txt", or "seed:001_….txt|003_….txt" for a row drawn from two seed files), for provenance and audits.</summary>
    public string? Source { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Application-managed optimistic concurrency token, renewed on every save that changes the row.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsConfidential => AddressVisibility == AddressVisibility.Confidentielle;

    /// <summary>
    /// Places the structure: an exact point wins; otherwise its commune's point, marked approximate;
    /// otherwise only its département is known and it gets no point at all.
    /// </summary>
    public void PlaceAt(Commune? commune, Point? exactPoint)
    {
        CommuneCode = commune?.Code;
        Commune = commune;
        (Location, LocationPrecision) = (exactPoint, commune?.Location) switch
        {
            ({ } exact, _) => (exact, LocationPrecision.Adresse),
            (null, { } communePoint) => (communePoint.Copy() as Point, LocationPrecision.Commune),
            _ => ((Point?)null, LocationPrecision.Departement),
        };
    }

    /// <summary>
    /// Serves exactly <paramref name="departements"/>: the list is edited in place, and left alone when it already
    /// holds them, so that an unchanged set writes nothing (and records no history).
    /// </summary>
    public void ServeOnly(IReadOnlyCollection<Departement> departements)
    {
        var wanted = departements.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        if (Departements.Select(d => d.Code).ToHashSet(StringComparer.Ordinal).SetEquals(wanted))
        {
            return;
        }
        Departements.RemoveAll(d => !wanted.Contains(d.Code));
        Departements.AddRange(departements.Where(d => Departements.All(x => x.Code != d.Code)));
    }

    /// <summary>Months after a confirmation at which a record is obsolete, whatever its update frequency.</summary>
    public const int ObsoleteAfterMonths = 12;

    /// <summary>When the record is due for confirmation; null when no person ever confirmed it.</summary>
    public DateTime? ConfirmationDueAt => DueOf(ConfirmedAt, UpdateFrequencyMonths);

    /// <summary>
    /// à jour until due (its update frequency after the last confirmation), then à vérifier, en retard a month later,
    /// obsolète twelve months after the confirmation; jamais confirmée when no person ever confirmed it.
    /// </summary>
    public Freshness.FreshnessState FreshnessAt(DateTime now) => FreshnessOf(ConfirmedAt, UpdateFrequencyMonths, now);

    /// <summary><see cref="ConfirmationDueAt"/> from the two columns alone, for lists that do not load the entity.</summary>
    public static DateTime? DueOf(DateTime? confirmedAt, int updateFrequencyMonths) =>
        confirmedAt?.AddMonths(Math.Max(1, updateFrequencyMonths));

    /// <summary><see cref="FreshnessAt"/> from the two columns alone, for lists that do not load the entity.</summary>
    public static Freshness.FreshnessState FreshnessOf(DateTime? confirmedAt, int updateFrequencyMonths, DateTime now)
    {
        if (confirmedAt is not { } confirmed)
        {
            return Freshness.FreshnessState.JamaisConfirmee;
        }
        var due = DueOf(confirmed, updateFrequencyMonths)!.Value;
        return now >= confirmed.AddMonths(ObsoleteAfterMonths) ? Freshness.FreshnessState.Obsolete
            : now >= due.AddMonths(1) ? Freshness.FreshnessState.EnRetard
            : now >= due ? Freshness.FreshnessState.AVerifier
            : Freshness.FreshnessState.AJour;
    }

    public void Confirm(DateTime at, string? by = null)
    {
        ConfirmedAt = at;
        ConfirmedBy = by;
    }

    /// <summary>The transitions the coordination may make from the current status (merging is separate).</summary>
    public IReadOnlyList<StructureStatus> AllowedTransitions => Status switch
    {
        StructureStatus.EnAttente => [StructureStatus.Publiee, StructureStatus.Refusee],
        StructureStatus.Publiee => [StructureStatus.Archivee],
        StructureStatus.Archivee => [StructureStatus.Publiee],
        StructureStatus.Refusee => [StructureStatus.EnAttente],
        _ => [],
    };

    /// <summary>Moves to <paramref name="target"/> if the transition exists; false (and nothing changes) otherwise.</summary>
    public bool MoveTo(StructureStatus target)
    {
        if (!AllowedTransitions.Contains(target))
        {
            return false;
        }
        _status = target;
        return true;
    }

    /// <summary>Merged into another structure: it leaves the catalogue, its history stays, its URL redirects.</summary>
    public void MergeInto(Structure target)
    {
        if (target.Id == Id || Status == StructureStatus.Fusionnee)
        {
            throw new InvalidOperationException("A structure cannot be merged into itself, nor merged twice.");
        }
        _status = StructureStatus.Fusionnee;
        MergedIntoId = target.Id;
    }

    /// <summary>Confidential at once: protecting an address never waits.</summary>
    public void MakeConfidential()
    {
        _addressVisibility = AddressVisibility.Confidentielle;
        PublicAddressRequestedAt = null;
        PublicAddressRequestedBy = null;
    }

    /// <summary>Asks to publish a confidential address; the structure stays confidential until the coordination approves.</summary>
    public void RequestPublicAddress(DateTime at, string by)
    {
        if (IsConfidential && PublicAddressRequestedAt is null)
        {
            PublicAddressRequestedAt = at;
            PublicAddressRequestedBy = by;
        }
    }

    public bool HasPendingPublicAddressRequest => PublicAddressRequestedAt is not null;

    /// <summary>The coordination's decision on a pending request to publish the address.</summary>
    public void ApprovePublicAddress()
    {
        if (PublicAddressRequestedAt is not null)
        {
            _addressVisibility = AddressVisibility.Publique;
            PublicAddressRequestedAt = null;
            PublicAddressRequestedBy = null;
        }
    }

    public void RefusePublicAddress()
    {
        PublicAddressRequestedAt = null;
        PublicAddressRequestedBy = null;
    }

    /// <summary>Wants the address visible (or not): confidential at once, public only by request.</summary>
    public void SetConfidentiality(bool confidential, DateTime at, string by)
    {
        if (confidential)
        {
            MakeConfidential();
        }
        else
        {
            RequestPublicAddress(at, by);
        }
    }

    public string Slug => Slugify(Name);

    /// <summary>"Œuvre « Spéciale »" → "oeuvre-speciale": ASCII letters and digits of the normalized name, dashes between words.</summary>
    public static string Slugify(string text)
    {
        var words = GeoReference.Normalize(text)
            .Split(' ')
            .Select(word => new string([.. word.Where(char.IsAsciiLetterOrDigit)]))
            .Where(word => word.Length > 0);
        var slug = string.Join('-', words);
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }
}
