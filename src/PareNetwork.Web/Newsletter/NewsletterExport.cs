using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Exports;
using PareNetwork.Web.Imports;

namespace PareNetwork.Web.Newsletter;

/// <summary>
/// The confirmed subscribers as a CSV for French Excel, as the structures' export writes it (UTF-8 with BOM, semicolons,
/// CRLF, formula neutralisation), each export logged in <see cref="ExportLog"/> (who, when, how many; never whom).
/// </summary>
public static class NewsletterExport
{
    /// <summary>What <see cref="ExportLog.Filter"/> holds for this export, to tell it from the structures' exports.</summary>
    public const string LogFilter = "newsletter=confirmes";

    public static IReadOnlyList<string> Columns { get; } =
        ["civilite", "prenom", "nom", "type_structure", "email", "confirme_le", "renouvele_le", "consentement_version"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ";",
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.None,
        ShouldQuote = args => args.Field is { Length: > 0 } field
            && (field.AsSpan().IndexOfAny(";\"\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])),
    };

    public sealed record Result(byte[] Content, int Rows);

    /// <summary>Writes the file (ordered by address) and logs the export in the same call.</summary>
    public static async Task<Result> WriteAsync(PareDbContext db, string? userId, string userLabel, DateTime now, CancellationToken ct = default)
    {
        var subscribers = await db.NewsletterSubscribers.AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Confirmee).OrderBy(s => s.NormalizedEmail).ToListAsync(ct);
        using var stream = new MemoryStream();
        await using (var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        await using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }
            await csv.NextRecordAsync();
            foreach (var s in subscribers)
            {
                Text(csv, s.Civility.Length == 0 ? "" : NewsletterForm.CivilityLabel(s.Civility));
                Text(csv, s.FirstName);
                Text(csv, s.LastName);
                Text(csv, NewsletterForm.StructureTypeLabel(s.StructureType));
                Text(csv, s.Email);
                csv.WriteField(Paris(s.ConfirmedAt));
                csv.WriteField(Paris(s.RenewedAt));
                Text(csv, s.ConsentVersion);
                await csv.NextRecordAsync();
            }
        }
        db.ExportLogs.Add(new ExportLog { At = now, UserId = userId, UserLabel = userLabel, Rows = subscribers.Count, Filter = LogFilter });
        await db.SaveChangesAsync(ct);
        return new Result(stream.ToArray(), subscribers.Count);
    }

    /// <summary>« abonnes-newsletter-pare-2026-12-01.csv », in Paris time.</summary>
    public static string FileName(DateTime now) =>
        $"abonnes-newsletter-pare-{Pages.Shared.Display.ParisTime(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";

    private static string Paris(DateTime? at) =>
        at is { } value ? Pages.Shared.Display.ParisTime(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    private static void Text(CsvWriter csv, string value) => csv.WriteField(CsvCells.Escape(value));
}
