using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Catalog;

/// <summary>
/// What the public may know of a published structure. A confidential structure is reduced to its
/// département: no street address, no commune, no point. Every public page and API reads this, never the entity.
/// </summary>
public sealed record PublicStructure(
    int Id,
    string Slug,
    string Name,
    string? Acronym,
    StructureNature Nature,
    IReadOnlyList<StructureAction> Actions,
    IReadOnlyList<StructurePublic> Publics,
    Scope Scope,
    IReadOnlyList<string> DepartementCodes,
    string? CommuneCode,
    string? CommuneName,
    string? Address,
    double? Latitude,
    double? Longitude,
    LocationPrecision Precision,
    bool IsConfidential,
    IReadOnlyList<string> Phones,
    string? Email,
    string? Website,
    IReadOnlyList<string> SocialAccounts,
    string? OpeningHours,
    string? Description,
    DateTime? ConfirmedAt,
    DateTime UpdatedAt)
{
    /// <summary>French alphabetical order of names ("Écoute" between "Eau" and "Enfance", not after "Z").</summary>
    public static readonly StringComparer NameOrder =
        StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), System.Globalization.CompareOptions.IgnoreCase);

    public string Url => $"/structures/{Id}/{Slug}";

    /// <summary>Normalized name, acronym, commune and description, for free-text search.</summary>
    internal string SearchKey { get; } = GeoReference.Normalize($"{Name} {Acronym} {CommuneName} {Description}");

    public bool HasPoint => Latitude is not null;

    /// <summary>Works on the ground of one or a few départements, as opposed to régional and national structures.</summary>
    public bool IsLocal => IsLocalScope(Scope);

    public static bool IsLocalScope(Scope scope) => scope is Scope.Locale or Scope.Departementale;

    public bool Serves(string departementCode) => Scope == Scope.Nationale || DepartementCodes.Contains(departementCode);

    public static PublicStructure From(Structure s, IReadOnlyList<string> departementCodes, string? communeName)
    {
        var confidential = s.IsConfidential;
        var point = confidential ? null : s.Location;
        return new PublicStructure(
            s.Id,
            s.Slug,
            s.Name,
            s.Acronym,
            s.Nature,
            s.Actions,
            s.Publics,
            s.Scope,
            [.. departementCodes.Order(StringComparer.Ordinal)],
            confidential ? null : s.CommuneCode,
            confidential ? null : communeName,
            confidential ? null : s.Address,
            point?.Y,
            point?.X,
            confidential ? LocationPrecision.Departement : s.LocationPrecision,
            confidential,
            s.Phones,
            s.Email,
            s.Website,
            s.SocialAccounts,
            s.OpeningHours,
            s.Description,
            s.ConfirmedAt,
            s.UpdatedAt);
    }
}
