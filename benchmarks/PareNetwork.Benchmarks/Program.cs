using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PareNetwork.Benchmarks;

internal static class BenchProgram
{
    private const string Usage = """
        Usage:
          generate --db <file> [--count 10000] [--seed 42]   create/migrate/seed the database, then add generated structures (idempotent)
          sizes                                             print payload sizes (raw, gzip, br) of the API over $PARE_BENCH_DB
          bdn [BenchmarkDotNet arguments]                   payload sizes, then the BenchmarkDotNet run over $PARE_BENCH_DB
          csv [BenchmarkDotNet arguments]                   the CSV import/export benchmarks only (10,000 rows in memory, no database)
          freshness [BenchmarkDotNet arguments]             the daily freshness job over a copy of $PARE_BENCH_DB (first run, second run, plan alone)
          coverage [BenchmarkDotNet arguments]              the coverage report benchmarks only, over $PARE_BENCH_DB
          import [--count 10000]                            preview and apply of an import over a fresh database, timed once (rows/s, memory)
          map --url <app root> [--runs 3] [--chromium /usr/bin/chromium]
                                                            open the map page of a running app in headless Chromium: clusters, long tasks
        $PARE_BENCH_DB defaults to <temp>/pare-bench/pare-bench.db and is generated when missing ($PARE_BENCH_COUNT structures, default 10000).
        """;

    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "generate":
                return await GenerateAsync(args[1..]);
            case "sizes":
                await PrintSizesAsync();
                return 0;
            case "map":
                return await MapAsync(args[1..]);
            case "bdn":
                await PrintSizesAsync();
                var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args[1..] is { Length: > 0 } rest ? rest : ["--filter", "*"]);
                return Failed(summaries) ? 1 : 0;
            case "import":
                return await ImportApplyRun.RunAsync(
                    args is [_, "--count", var n] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) ? rows : BenchEnvironment.DefaultCount,
                    Console.Out);
            case "coverage":
                return Failed(BenchmarkSwitcher.FromTypes([typeof(CoverageBenchmarks)]).Run(args[1..] is { Length: > 0 } coverageArgs ? coverageArgs : ["--filter", "*"])) ? 1 : 0;
            case "csv":
                return Failed(BenchmarkSwitcher.FromTypes([typeof(CsvBenchmarks)]).Run(args[1..] is { Length: > 0 } csvArgs ? csvArgs : ["--filter", "*"])) ? 1 : 0;
            case "freshness":
                return Failed(BenchmarkSwitcher.FromTypes([typeof(FreshnessBenchmarks)]).Run(args[1..] is { Length: > 0 } freshnessArgs ? freshnessArgs : ["--filter", "*"])) ? 1 : 0;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static bool Failed(IEnumerable<Summary> summaries) =>
        summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));

    private static async Task<int> GenerateAsync(string[] args)
    {
        string? db = null;
        var count = BenchEnvironment.DefaultCount;
        var seed = BenchEnvironment.DefaultSeed;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--db" when value is not null:
                    db = value;
                    i++;
                    break;
                case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c):
                    count = c;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unexpected argument « {args[i]} ».\n{Usage}");
                    return 2;
            }
        }
        if (db is null)
        {
            await Console.Error.WriteLineAsync($"--db is required.\n{Usage}");
            return 2;
        }

        var result = await StructureGenerator.GenerateAsync(db, count, seed);
        Console.WriteLine($"{Path.GetFullPath(db)}: database ready in {result.InitializeTime.TotalSeconds:F1} s; "
            + $"{result.Added} structures added, {result.Existing} already there (of {result.Requested} requested, seed {seed}) in {result.GenerateTime.TotalSeconds:F1} s.");
        return 0;
    }

    private static async Task<int> MapAsync(string[] args)
    {
        Uri? url = null;
        var runs = 3;
        var chromium = MapCheck.DefaultChromium;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--url" when Uri.TryCreate(args[i + 1], UriKind.Absolute, out var u):
                    url = u;
                    break;
                case "--runs" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0:
                    runs = r;
                    break;
                case "--chromium":
                    chromium = args[i + 1];
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unexpected argument « {args[i]} ».\n{Usage}");
                    return 2;
            }
        }
        if (url is null || args.Length % 2 != 0)
        {
            await Console.Error.WriteLineAsync($"--url is required.\n{Usage}");
            return 2;
        }
        return await MapCheck.RunAsync(url, runs, chromium, Console.Out);
    }

    private static async Task PrintSizesAsync()
    {
        var db = await BenchEnvironment.EnsureDatabaseAsync(Console.Out);
        await using var factory = new PareAppFactory(db);
        Console.WriteLine($"Payload sizes over {db}:");
        await PayloadSizes.PrintAsync(factory, Console.Out);
        Console.WriteLine();
    }
}
