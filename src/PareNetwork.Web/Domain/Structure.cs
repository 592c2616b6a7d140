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

    public AddressVisibility AddressVisibility { get; set; }

    public List<string> Phones { get; set; } = [];

    public string? Email { get; set; }

    public string? Website { get; set; }

    /// <summary>Social accounts as "network:handle".</summary>
    public List<string> SocialAccounts { get; set; } = [];

    public string? OpeningHours { get; set; }

    public StructureStatus Status { get; set; } = StructureStatus.EnAttente;

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

    public void Confirm(DateTime at) => ConfirmedAt = at;

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
