namespace PareNetwork.Benchmarks;

/// <summary>Where the benchmark database lives, and making sure it holds the generated structures.</summary>
public static class BenchEnvironment
{
    public const string DbVariable = "PARE_BENCH_DB";
    public const string CountVariable = "PARE_BENCH_COUNT";
    public const int DefaultCount = 10_000;
    public const int DefaultSeed = 42;

    public static string DbPath => Path.GetFullPath(Environment.GetEnvironmentVariable(DbVariable) is { Length: > 0 } path
        ? path
        : Path.Combine(Path.GetTempPath(), "pare-bench", "pare-bench.db"));

    public static int Count => int.TryParse(Environment.GetEnvironmentVariable(CountVariable), out var count) ? count : DefaultCount;

    /// <summary>Generates the structures if they are missing (idempotent, so cheap when they are there).</summary>
    public static async Task<string> EnsureDatabaseAsync(TextWriter log)
    {
        var path = DbPath;
        var result = await StructureGenerator.GenerateAsync(path, Count, DefaultSeed);
        if (result.Added > 0)
        {
            await log.WriteLineAsync($"Generated {result.Added} structures into {path} in {result.GenerateTime.TotalSeconds:F1} s.");
        }
        return path;
    }
}
