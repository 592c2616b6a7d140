using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Imports;

/// <summary>
/// One structure as a CSV row holds it, typed and normalised (codes with their leading zeros, trimmed text,
/// empty cells as null or empty lists). Equality compares the lists item by item, so a row read back from an
/// export equals the row exported.
/// </summary>
public sealed record StructureImportRow
{
    /// <summary>The stable key (<c>id</c>); null for a structure the file creates.</summary>
    public string? Id { get; init; }

    public required string Name { get; init; }

    public string? Acronym { get; init; }

    public StructureNature Nature { get; init; }

    public IReadOnlyList<StructureAction> Actions { get; init; } = [];

    public IReadOnlyList<StructurePublic> Publics { get; init; } = [];

    public Scope Scope { get; init; }

    /// <summary>Codes of the départements served ("02", "2A", "971"); not checked against the reference data here.</summary>
    public IReadOnlyList<string> Departements { get; init; } = [];

    /// <summary>INSEE code of the commune ("01053"); not checked against the reference data here.</summary>
    public string? CommuneInsee { get; init; }

    public string? Address { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public IReadOnlyList<string> Phones { get; init; } = [];

    public string? Email { get; init; }

    public string? Website { get; init; }

    /// <summary>Social accounts as "network:handle".</summary>
    public IReadOnlyList<string> SocialAccounts { get; init; } = [];

    public string? OpeningHours { get; init; }

    public bool Confidential { get; init; }

    public string? Description { get; init; }

    /// <summary>The source files or references the row draws on (<c>source</c>, separated by |).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Null when the file says nothing: the import decides (a new structure waits, an existing one keeps its status).</summary>
    public StructureStatus? Status { get; init; }

    public string? PrivateEmail { get; init; }

    public string? PrivatePhone { get; init; }

    public string? PrivateAddress { get; init; }

    public int UpdateFrequencyMonths { get; init; } = DefaultUpdateFrequencyMonths;

    public DateOnly? ConfirmedOn { get; init; }

    public const int DefaultUpdateFrequencyMonths = 6;

    public bool Equals(StructureImportRow? other) =>
        other is not null
        && Id == other.Id
        && Name == other.Name
        && Acronym == other.Acronym
        && Nature == other.Nature
        && Actions.SequenceEqual(other.Actions)
        && Publics.SequenceEqual(other.Publics)
        && Scope == other.Scope
        && Departements.SequenceEqual(other.Departements)
        && CommuneInsee == other.CommuneInsee
        && Address == other.Address
        && Latitude == other.Latitude
        && Longitude == other.Longitude
        && Phones.SequenceEqual(other.Phones)
        && Email == other.Email
        && Website == other.Website
        && SocialAccounts.SequenceEqual(other.SocialAccounts)
        && OpeningHours == other.OpeningHours
        && Confidential == other.Confidential
        && Description == other.Description
        && Sources.SequenceEqual(other.Sources)
        && Status == other.Status
        && PrivateEmail == other.PrivateEmail
        && PrivatePhone == other.PrivatePhone
        && PrivateAddress == other.PrivateAddress
        && UpdateFrequencyMonths == other.UpdateFrequencyMonths
        && ConfirmedOn == other.ConfirmedOn;

    public override int GetHashCode() => HashCode.Combine(Id, Name, Nature, Scope, CommuneInsee, Confidential);

    /// <summary>Names the row only: a row may hold a shelter's address, which must not reach a log through a ToString.</summary>
    public override string ToString() => $"{nameof(StructureImportRow)} {{ Id = {Id}, Name = {Name} }}";
}
