using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Imports;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Coverage;

/// <summary>
/// The exports of a snapshot: CSV for French Excel (UTF-8 with BOM, semicolons, decimal commas, one row per
/// département) and GeoJSON (the départements' display boundaries with the same figures as properties).
/// The names below are the published contract of both.
/// </summary>
public static class CoverageExport
{
    /// <summary>Coordinates of the display boundaries keep 3 decimals (about 100 m), as the public map's.</summary>
    private const int GeometryDecimals = 3;

    public const string StructuresByActionPrefix = "structures_par_action_";

    /// <summary>The properties of a feature, in order; in the CSV <c>structures_par_action</c> becomes one column per action code.</summary>
    public static readonly IReadOnlyList<string> Properties =
    [
        "code", "nom", "region", "population",
        "structures_locales", "structures_regionales", "structures_nationales", "structures_par_action",
        "structures_pour_100000", "part_population_30km", "structures_locales_sans_point", "part_a_jour",
        "actions_manquantes", "score", "classe",
    ];

    public static IReadOnlyList<string> CsvColumns { get; } =
        [.. Properties.SelectMany(p => p == "structures_par_action" ? Vocabulary.Actions.All.Select(a => StructuresByActionPrefix + a.Code) : [p])];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ";",
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.None,
    };

    public static async Task<byte[]> CsvAsync(CoverageSnapshot snapshot, CancellationToken ct = default)
    {
        using var stream = new MemoryStream();
        await using (var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        await using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var column in CsvColumns)
            {
                csv.WriteField(column);
            }
            await csv.NextRecordAsync();
            foreach (var d in snapshot.Departements.OrderBy(d => d.Code, StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                csv.WriteField(d.Code);
                csv.WriteField(CsvCells.Escape(d.Name));
                csv.WriteField(CsvCells.Escape(d.RegionName));
                csv.WriteField(Integer(d.Population));
                csv.WriteField(Integer(d.LocalStructures));
                csv.WriteField(Integer(d.RegionalStructures));
                csv.WriteField(Integer(d.NationalStructures));
                foreach (var action in Vocabulary.Actions.All)
                {
                    csv.WriteField(Integer(d.ByAction.GetValueOrDefault(action.Code)));
                }
                csv.WriteField(Decimal(d.LocalPer100000));
                csv.WriteField(Decimal(d.ShareWithinRadius));
                csv.WriteField(Integer(d.LocalWithoutPoint));
                csv.WriteField(d.ShareUpToDate is { } fresh ? Decimal(fresh) : "");
                csv.WriteField(string.Join('|', d.MissingActions));
                csv.WriteField(Integer(d.Score));
                csv.WriteField(d.Class.Label());
                await csv.NextRecordAsync();
            }
        }
        return stream.ToArray();
    }

    public static ReadOnlyMemory<byte> GeoJson(CoverageSnapshot snapshot, GeoReference geo)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteString("date", new DateTimeOffset(Display.ParisTime(snapshot.ComputedAt), Display.Paris.GetUtcOffset(snapshot.ComputedAt)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            writer.WriteString("version_methode", snapshot.MethodVersion);
            writer.WriteNumber("rayon_km", snapshot.RadiusKm);
            writer.WriteStartArray("features");
            foreach (var d in snapshot.Departements.OrderBy(d => d.Code, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "Feature");
                writer.WriteString("id", d.Code);
                writer.WritePropertyName("geometry");
                GeoJsonWriting.WriteGeometry(writer, geo.DepartementsByCode.GetValueOrDefault(d.Code)?.DisplayBoundary, GeometryDecimals);
                writer.WriteStartObject("properties");
                writer.WriteString("code", d.Code);
                writer.WriteString("nom", d.Name);
                writer.WriteString("region", d.RegionName);
                writer.WriteNumber("population", d.Population);
                writer.WriteNumber("structures_locales", d.LocalStructures);
                writer.WriteNumber("structures_regionales", d.RegionalStructures);
                writer.WriteNumber("structures_nationales", d.NationalStructures);
                writer.WriteStartObject("structures_par_action");
                foreach (var action in Vocabulary.Actions.All)
                {
                    writer.WriteNumber(action.Code, d.ByAction.GetValueOrDefault(action.Code));
                }
                writer.WriteEndObject();
                writer.WriteNumber("structures_pour_100000", d.LocalPer100000);
                writer.WriteNumber("part_population_30km", d.ShareWithinRadius);
                writer.WriteNumber("structures_locales_sans_point", d.LocalWithoutPoint);
                if (d.ShareUpToDate is { } fresh)
                {
                    writer.WriteNumber("part_a_jour", fresh);
                }
                else
                {
                    writer.WriteNull("part_a_jour");
                }
                writer.WriteStartArray("actions_manquantes");
                foreach (var code in d.MissingActions)
                {
                    writer.WriteStringValue(code);
                }
                writer.WriteEndArray();
                writer.WriteNumber("score", d.Score);
                writer.WriteString("classe", d.Class.Label());
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    /// <summary>« couverture-pare-2026-12-07.csv », the snapshot's day in Paris time.</summary>
    public static string FileName(CoverageSnapshot snapshot, string extension) =>
        $"couverture-pare-{Display.ParisTime(snapshot.ComputedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The decimal comma French Excel reads as a number (« 0,8123 »).</summary>
    private static string Decimal(double value) => value.ToString("0.####", CultureInfo.InvariantCulture).Replace('.', ',');
}
