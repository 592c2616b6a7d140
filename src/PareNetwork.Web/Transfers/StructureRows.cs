using PareNetwork.Web.Domain;
using PareNetwork.Web.Imports;

namespace PareNetwork.Web.Transfers;

/// <summary>
/// A structure as a CSV row: what the export writes and what the import compares a file's row with, so that an
/// exported file imports unchanged.
/// </summary>
public static class StructureRows
{
    /// <summary>The entity as a row, confidential values included (the writer leaves them out unless asked).</summary>
    public static StructureImportRow From(Structure s)
    {
        var exact = s.LocationPrecision == LocationPrecision.Adresse ? s.Location : null;
        return new StructureImportRow
        {
            Id = s.ExternalKey,
            Name = s.Name,
            Acronym = s.Acronym,
            Nature = s.Nature,
            Actions = s.Actions,
            Publics = s.Publics,
            Scope = s.Scope,
            Departements = [.. s.Departements.Select(d => d.Code).Order(StringComparer.Ordinal)],
            CommuneInsee = s.CommuneCode,
            Address = s.Address,
            Latitude = exact?.Y,
            Longitude = exact?.X,
            Phones = s.Phones,
            Email = s.Email,
            Website = s.Website,
            SocialAccounts = s.SocialAccounts,
            OpeningHours = s.OpeningHours,
            Confidential = s.IsConfidential,
            Description = s.Description,
            Sources = SplitSource(s.Source),
            Status = s.Status,
            PrivateEmail = s.PrivateEmail,
            PrivatePhone = s.PrivatePhone,
            PrivateAddress = s.PrivateAddress,
            UpdateFrequencyMonths = s.UpdateFrequencyMonths,
            ConfirmedOn = s.ConfirmedAt is { } at ? DateOnly.FromDateTime(Pages.Shared.Display.ParisTime(at)) : null,
        };
    }

    /// <summary>« seed:001.txt|003.txt » ↔ [« seed:001.txt », « 003.txt »]: the cell of the file, split like the other lists.</summary>
    public static IReadOnlyList<string> SplitSource(string? source) =>
        source is null ? [] : source.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? JoinSource(IReadOnlyList<string> sources) => sources.Count == 0 ? null : string.Join('|', sources);

    /// <summary>The day a confirmation was made, in Paris, as a UTC time (Paris midnight).</summary>
    public static DateTime ConfirmationTime(DateOnly day) => Pages.Shared.Display.ParisMidnightUtc(day);

}
