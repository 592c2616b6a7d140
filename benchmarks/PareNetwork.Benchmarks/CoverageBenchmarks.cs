using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Data;
using PareNetwork.Web.Geo;
using Perfolizer.Horology;

namespace PareNetwork.Benchmarks;

/// <summary>
/// The coverage report over the generated database: 101 départements, 34,875 communes, 10,034 published structures.
/// « Compute » is the calculation alone (inputs in memory, as the job holds them); « From database » adds reading the
/// published structures through EF Core, as the job does before comparing and storing.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[MedianColumn]
public class CoverageBenchmarks : IDisposable
{
    private PareDbContext _db = null!;
    private GeoReference _geo = null!;
    private IReadOnlyList<CoverageArea> _areas = null!;
    private IReadOnlyList<CoveragePlace> _places = null!;
    private List<CoverageStructure> _structures = null!;
    private static readonly DateTime Now = new(2026, 12, 7, 5, 0, 0, DateTimeKind.Utc);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10)
                .WithIterationTime(TimeInterval.FromMilliseconds(500)).WithId("Short"));
            WithOptions(ConfigOptions.DisableLogFile);
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        var path = BenchEnvironment.EnsureDatabaseAsync(Console.Out).GetAwaiter().GetResult();
        _db = new PareDbContext(new DbContextOptionsBuilder<PareDbContext>().UseSqlite(StructureGenerator.ConnectionString(path)).Options);
        _geo = GeoReference.LoadAsync(_db).GetAwaiter().GetResult();
        _areas = CoverageJob.Areas(_geo);
        _places = CoverageJob.Places(_geo);
        var snapshot = CoverageJob.ComputeAsync(_db, _geo, Now, 30).GetAwaiter().GetResult();
        _structures = [.. _db.Structures.AsNoTracking().Where(s => s.Status == Web.Domain.StructureStatus.Publiee)
            .Select(s => new { s.Id, s.Scope, Codes = s.Departements.Select(d => d.Code).ToList(), s.Actions, s.Location })
            .AsSplitQuery().AsEnumerable()
            .Select(s => new CoverageStructure(s.Id, s.Scope, s.Codes, s.Actions, s.Location?.Y, s.Location?.X, false))];
        var access = _structures.Count(s => s.IsLocal && s.OffersAccess && s.Latitude is not null);
        Console.WriteLine($"// Coverage over {_areas.Count} départements, {_geo.Communes.Count:N0} communes ({_places.Count:N0} with a point), "
            + $"{_structures.Count:N0} published structures ({access:N0} located local access points); "
            + $"mean share within 30 km {snapshot.Departements.Average(d => d.ShareWithinRadius):P1}.");
    }

    [Benchmark(Description = "Coverage: compute (in memory)")]
    public CoverageSnapshot Compute() => CoverageCalculator.Compute(_areas, _places, _structures, 30, Now);

    [Benchmark(Description = "Coverage: read the structures + compute")]
    public CoverageSnapshot FromDatabase() => CoverageJob.ComputeAsync(_db, _geo, Now, 30).GetAwaiter().GetResult();

    public void Dispose()
    {
        _db?.Dispose();
        GC.SuppressFinalize(this);
    }
}
