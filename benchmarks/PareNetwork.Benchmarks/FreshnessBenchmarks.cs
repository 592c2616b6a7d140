using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Data;
using PareNetwork.Web.Freshness;

namespace PareNetwork.Benchmarks;

/// <summary>
/// The daily freshness job (« fraicheur ») over the generated database, on a copy of it (the job writes), at a fixed
/// time: 1 December 2026, 06:30 in Paris. Half the generated structures were confirmed during 2025, so every one of
/// them is due (most obsolete); the other half were never confirmed. The outbox worker and Hangfire's server are off:
/// only the job runs.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class FreshnessBenchmarks : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 5, 30, 0, TimeSpan.Zero);

    private string _folder = null!;
    private WebApplicationFactory<Program>? _factory;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // The job's runs are long and each first run needs a database reset: one invocation an iteration.
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
                .WithWarmupCount(2).WithIterationCount(8).WithInvocationCount(1).WithUnrollFactor(1).WithId("Job"));
            WithOptions(ConfigOptions.DisableLogFile);
        }
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [GlobalSetup]
    public void Setup()
    {
        var source = BenchEnvironment.EnsureDatabaseAsync(Console.Out).GetAwaiter().GetResult();
        _folder = Directory.CreateTempSubdirectory("pare-freshness-bench-").FullName;
        var copy = Path.Combine(_folder, "pare.db");
        using (var from = new SqliteConnection(StructureGenerator.ConnectionString(source)))
        using (var to = new SqliteConnection(StructureGenerator.ConnectionString(copy)))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
        }
        SqliteConnection.ClearAllPools();
        _factory = new PareAppFactory(copy).WithWebHostBuilder(b =>
        {
            b.UseSetting("Pare:Jobs:Server", "false");
            b.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(new FixedTime());
            });
        });
        var counts = WithDb(async db => (await db.Structures.CountAsync(), await db.Structures.CountAsync(s => s.ConfirmedAt != null)));
        Console.WriteLine($"// {counts.Item1:N0} structures, {counts.Item2:N0} confirmed once, on a copy at {copy}.");
    }

    /// <summary>Forgets every reminder, link and e-mail: the next run is a first run again.</summary>
    [IterationSetup(Targets = [nameof(FirstRun)])]
    public void Reset() => WithDb(async db =>
    {
        await db.FreshnessLinks.ExecuteDeleteAsync();
        await db.FreshnessReminders.ExecuteDeleteAsync();
        await db.Outbox.ExecuteDeleteAsync();
        return 0;
    });

    /// <summary>The first run of the day: the decision, then every reminder with its e-mails and links written.</summary>
    [Benchmark(Description = "first run: plan and write every reminder")]
    public string FirstRun() => Run();

    [GlobalSetup(Target = nameof(SecondRun))]
    public void SetupSecondRun()
    {
        Setup();
        Reset();
        Console.WriteLine($"// First run: {Run()}");
    }

    /// <summary>The same day again: the whole decision, nothing to send.</summary>
    [Benchmark(Description = "second run the same day: nothing sent")]
    public string SecondRun() => Run();

    /// <summary>The decision alone (read and decide, write nothing), as after a first run.</summary>
    [Benchmark(Description = "plan only, after a first run")]
    public int PlanOnly() => WithDb(async db =>
        (await FreshnessPass.PlanAsync(db, Now.UtcDateTime, _factory!.Services.GetRequiredService<IOptions<FreshnessOptions>>().Value, default)).Reminders.Count);

    [GlobalSetup(Target = nameof(PlanOnly))]
    public void SetupPlanOnly() => SetupSecondRun();

    private string Run() => WithDb(async db =>
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FreshnessReminderJob>().RunOnceAsync();
    });

    private T WithDb<T>(Func<PareDbContext, Task<T>> work)
    {
        using var scope = _factory!.Services.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<PareDbContext>()).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _factory?.Dispose();
        _factory = null;
        SqliteConnection.ClearAllPools();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        GC.SuppressFinalize(this);
    }
}
