using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace PareNetwork.Web.Data.Seeding;

internal static class CsvFiles
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        TrimOptions = TrimOptions.Trim,
        DetectColumnCountChanges = true,
    };

    /// <summary>Reads every row of a seed CSV; a row the parser rejects becomes a <see cref="SeedDataException"/>.</summary>
    public static List<(long Line, T Row)> Read<T>(string path)
    {
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new SeedDataException($"{file} : fichier introuvable ({path}).");
        }

        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Configuration);
        var rows = new List<(long, T)>();
        try
        {
            csv.Read();
            csv.ReadHeader();
            while (csv.Read())
            {
                rows.Add((csv.Parser.RawRow, csv.GetRecord<T>()));
            }
        }
        catch (CsvHelperException ex) when (ex is HeaderValidationException or CsvHelper.MissingFieldException or BadDataException or TypeConverterException or ReaderException)
        {
            var field = ex is TypeConverterException { MemberMapData.Member: { } member } ? member.Name : Describe(ex);
            throw new SeedDataException(file, ex.Context?.Parser?.RawRow ?? 0, field, "ligne illisible ou mal formée (" + ex.GetType().Name + ").");
        }
        return rows;
    }

    private static string Describe(CsvHelperException ex) =>
        ex.Context?.Reader?.HeaderRecord is { } header && ex.Context.Reader.CurrentIndex >= 0 && ex.Context.Reader.CurrentIndex < header.Length
            ? header[ex.Context.Reader.CurrentIndex]
            : "(ligne entière)";
}
