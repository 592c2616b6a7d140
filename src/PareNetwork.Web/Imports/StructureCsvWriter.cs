using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.Imports;

/// <summary>
/// Writes structures as a CSV that French Excel opens as it is: UTF-8 with BOM (so accents survive), semicolons,
/// CRLF, decimal commas in coordinates; every column of <see cref="StructureCsvColumns.All"/>, in that order.
/// <see cref="StructureCsvReader"/> reads it back into equal rows.
/// </summary>
/// <remarks>
/// Codes (INSEE, département) and phone numbers are written plainly. Excel turns « 01053 » into 1053 when it
/// opens the file; the usual cure, a <c>="01053"</c> formula, is exactly what formula neutralisation defuses and
/// what other tools read literally. The reader puts the lost zeros back instead, so a file saved again by Excel
/// imports unchanged. A text cell a spreadsheet would take for a formula (<c>=</c> <c>+</c> <c>-</c> <c>@</c>,
/// tab, CR first) gets a leading apostrophe, which the reader takes off. Coordinates and numbers are formatted
/// by the writer itself and are never formulas.
/// </remarks>
public static class StructureCsvWriter
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ";",
        NewLine = "\r\n",
        // Done per text cell (CsvCells.Escape): CsvHelper's option would also prefix a negative longitude.
        InjectionOptions = InjectionOptions.None,
        // CsvHelper's default looks for the configured new line only: a lone \n in a cell would end the row.
        ShouldQuote = args => args.Field is { Length: > 0 } field
            && (field.AsSpan().IndexOfAny(";\"\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])),
    };

    /// <summary>
    /// Writes the header and the rows. Without <paramref name="includeConfidential"/>, a confidential structure's
    /// address, commune and point are left empty, and every structure's private contact too.
    /// </summary>
    public static async Task WriteAsync(Stream stream, IEnumerable<StructureImportRow> rows, bool includeConfidential, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        await using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 65_536, leaveOpen: true);
        await using var csv = new CsvWriter(text, Configuration);
        foreach (var column in StructureCsvColumns.All)
        {
            csv.WriteField(column);
        }
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            Write(csv, row, includeConfidential || !row.Confidential, includeConfidential);
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    private static void Write(CsvWriter csv, StructureImportRow row, bool withPrivate, bool withPrivateContact)
    {
        Text(csv, row.Id);
        Text(csv, row.Name);
        Text(csv, row.Acronym);
        Text(csv, Vocabulary.Natures.Code(row.Nature));
        Text(csv, string.Join('|', row.Actions.Select(Vocabulary.Actions.Code)));
        Text(csv, string.Join('|', row.Publics.Select(Vocabulary.Publics.Code)));
        Text(csv, Vocabulary.Scopes.Code(row.Scope));
        Text(csv, string.Join('|', row.Departements));
        Text(csv, withPrivate ? row.CommuneInsee : null);
        Text(csv, withPrivate ? row.Address : null);
        Number(csv, withPrivate ? row.Latitude : null);
        Number(csv, withPrivate ? row.Longitude : null);
        Text(csv, string.Join('|', row.Phones));
        Text(csv, row.Email);
        Text(csv, row.Website);
        Text(csv, string.Join('|', row.SocialAccounts));
        Text(csv, row.OpeningHours);
        Text(csv, row.Confidential ? "oui" : "non");
        Text(csv, row.Description);
        Text(csv, string.Join('|', row.Sources));
        Text(csv, row.Status is { } status ? Vocabulary.Statuses.Code(status) : null);
        Text(csv, withPrivateContact ? row.PrivateEmail : null);
        Text(csv, withPrivateContact ? row.PrivatePhone : null);
        Text(csv, withPrivateContact ? row.PrivateAddress : null);
        csv.WriteField(row.UpdateFrequencyMonths.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(row.ConfirmedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
    }

    private static void Text(CsvWriter csv, string? value) => csv.WriteField(value is null ? "" : CsvCells.Escape(value));

    /// <summary>Shortest round-trip form, with the decimal comma French Excel reads as a number (« 47,75 », « -1,55 »).</summary>
    private static void Number(CsvWriter csv, double? value) =>
        csv.WriteField(value?.ToString("R", CultureInfo.InvariantCulture).Replace('.', ',') ?? "");
}
