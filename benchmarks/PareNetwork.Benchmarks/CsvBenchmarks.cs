using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Imports;
using Perfolizer.Horology;

namespace PareNetwork.Benchmarks;

/// <summary>
/// The structures CSV import's parsing and its export, over a 10,000-row file generated in memory (no database):
/// the file as the export writes it (UTF-8 with BOM, semicolons), and the same file once French Excel has saved it
/// (Windows-1252). One operation is the whole file; « Rows/s » is 10,000 divided by the mean.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class CsvBenchmarks
{
    public const int RowCount = 10_000;

    private List<StructureImportRow> _rows = null!;
    private byte[] _utf8 = null!;
    private byte[] _windows1252 = null!;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10)
                .WithIterationTime(TimeInterval.FromMilliseconds(500)).WithId("Short"));
            AddColumn(new RowsPerSecondColumn());
            WithOptions(ConfigOptions.DisableLogFile);
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _rows = Generate(RowCount, BenchEnvironment.DefaultSeed);
        using var stream = new MemoryStream();
        StructureCsvWriter.WriteAsync(stream, _rows, includeConfidential: true).GetAwaiter().GetResult();
        _utf8 = stream.ToArray();
        _windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Encoding.UTF8.GetString(_utf8.AsSpan(3)));
        foreach (var bytes in new[] { _utf8, _windows1252 })
        {
            var result = StructureCsvReader.Read(bytes);
            if (result.HasErrors || result.Rows.Count != RowCount || !result.Rows.Select(r => r.Row).SequenceEqual(_rows))
            {
                throw new InvalidOperationException($"The generated file does not read back: {result.FileError ?? result.Errors.FirstOrDefault()?.Message}");
            }
        }
        Console.WriteLine($"// CSV of {RowCount} rows: {_utf8.Length:N0} bytes (UTF-8), {_windows1252.Length:N0} bytes (Windows-1252).");
    }

    [Benchmark(Description = "read 10,000 rows, UTF-8 with BOM, semicolons")]
    public int ReadUtf8() => StructureCsvReader.Read(_utf8).Rows.Count;

    [Benchmark(Description = "read 10,000 rows, Windows-1252 (saved by Excel)")]
    public int ReadWindows1252() => StructureCsvReader.Read(_windows1252).Rows.Count;

    [Benchmark(Description = "write 10,000 rows")]
    public async Task<long> Write()
    {
        using var stream = new MemoryStream(_utf8.Length);
        await StructureCsvWriter.WriteAsync(stream, _rows, includeConfidential: true);
        return stream.Length;
    }

    /// <summary>Deterministic rows shaped like the network's: most columns filled on some of them, 5 % confidential.</summary>
    internal static List<StructureImportRow> Generate(int count, int seed)
    {
        (string Code, string Departement, string Name, double Lat, double Lon)[] communes =
        [
            ("75056", "75", "Paris", 48.8589, 2.347), ("13055", "13", "Marseille", 43.2803, 5.3806), ("69123", "69", "Lyon", 45.758, 4.8351),
            ("68224", "68", "Mulhouse", 47.7489, 7.32526), ("01053", "01", "Bourg-en-Bresse", 46.2052, 5.2255), ("2A004", "2A", "Ajaccio", 41.9192, 8.7386),
            ("44109", "44", "Nantes", 47.2184, -1.5536), ("97411", "974", "Saint-Denis", -20.8823, 55.4504), ("05061", "05", "Gap", 44.5594, 6.0786),
        ];
        var random = new Random(seed);
        var natures = Enum.GetValues<StructureNature>();
        var scopes = Enum.GetValues<Scope>();
        var rows = new List<StructureImportRow>(count);
        for (var n = 1; n <= count; n++)
        {
            var commune = communes[random.Next(communes.Length)];
            var nature = natures[random.Next(natures.Length)];
            var scope = scopes[random.Next(scopes.Length)];
            var confidential = random.NextDouble() < 0.05;
            var exact = random.NextDouble() < 0.5;
            rows.Add(new StructureImportRow
            {
                Id = $"bench-{n:D5}",
                Name = $"{Vocabulary.Natures.Label(nature)} « Écoute et Œuvre » – {commune.Name} n° {n}",
                Acronym = random.NextDouble() < 0.3 ? "AEO" : null,
                Nature = nature,
                Actions = [.. Enum.GetValues<StructureAction>().OrderBy(_ => random.Next()).Take(1 + random.Next(4))],
                Publics = [.. Enum.GetValues<StructurePublic>().OrderBy(_ => random.Next()).Take(1 + random.Next(3))],
                Scope = scope,
                Departements = scope == Scope.Nationale ? [] : [commune.Departement],
                CommuneInsee = commune.Code,
                Address = random.NextDouble() < 0.7 ? $"{1 + random.Next(120)} rue de la République, {commune.Name}" : null,
                Latitude = exact ? Math.Round(commune.Lat + (random.NextDouble() / 100), 6) : null,
                Longitude = exact ? Math.Round(commune.Lon + (random.NextDouble() / 100), 6) : null,
                Phones = random.NextDouble() < 0.85 ? [$"0{1 + random.Next(5)} {random.Next(100):D2} {random.Next(100):D2} {random.Next(100):D2} {random.Next(100):D2}"] : [],
                Email = random.NextDouble() < 0.6 ? $"contact{n}@exemple.fr" : null,
                Website = random.NextDouble() < 0.5 ? $"https://www.structure-{n}.exemple.fr" : null,
                OpeningHours = random.NextDouble() < 0.4 ? "Lun–ven 9h–17h" : null,
                Confidential = confidential,
                Description = $"Structure générée pour la mesure de l'import ({Vocabulary.Scopes.Label(scope).ToLowerInvariant()}).\nDeuxième ligne ; avec « guillemets » et \"doubles\".",
                Sources = ["bench:generator"],
                Status = StructureStatus.Publiee,
                PrivateEmail = confidential ? $"direction{n}@exemple.fr" : null,
                PrivatePhone = confidential ? "06 12 34 56 78" : null,
                ConfirmedOn = random.NextDouble() < 0.5 ? new DateOnly(2025, 1, 1).AddDays(random.Next(365)) : null,
            });
        }
        return rows;
    }

    private sealed class RowsPerSecondColumn : IColumn
    {
        public string Id => nameof(RowsPerSecondColumn);
        public string ColumnName => "Rows/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"Rows processed per second ({RowCount:N0} divided by the mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } statistics
                ? (RowCount / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
                : "-";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
