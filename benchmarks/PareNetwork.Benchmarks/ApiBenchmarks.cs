using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace PareNetwork.Benchmarks;

/// <summary>
/// Server-side time of the public endpoints through the whole pipeline (every middleware of Program.cs) on an
/// in-process TestServer, over the generated database: no socket, no network, the body drained to the end.
/// </summary>
/// <remarks>
/// The API answers are output-cached (<c>CacheOutput</c>, 10 min), so the plain benchmarks measure a cache hit.
/// The output cache ignores a request's <c>Cache-Control: no-cache</c>, so the uncached cost is measured two ways
/// through the public surface: with an <c>Authorization</c> header (the output cache's default policy neither looks
/// up nor stores such a request; the app has no authentication, so the handler is unaffected), and with a fresh
/// unknown query parameter each call (the policy varies by every query key, so each call is a real miss that is
/// also stored, as a first visitor's request would be; the filter ignores unknown parameters).
/// </remarks>
[Config(typeof(Config))]
[MemoryDiagnoser]
[MedianColumn]
public class ApiBenchmarks : IDisposable
{
    private PareAppFactory? _factory;
    private HttpClient _client = null!;
    private long _buster;
    private readonly byte[] _sink = new byte[64 * 1024];

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In-process: the TestServer lives in this process (the app's server GC setting is mirrored in the csproj).
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10)
                .WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("Short"));
            WithOptions(ConfigOptions.DisableLogFile);
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        var db = BenchEnvironment.EnsureDatabaseAsync(Console.Out).GetAwaiter().GetResult();
        _factory = new PareAppFactory(db);
        _client = _factory.CreateRawClient();
        var (status, _, features) = PayloadSizes.FetchAsync(_client, "/api/structures", null).GetAwaiter().GetResult();
        if (status != 200 || features < BenchEnvironment.Count)
        {
            throw new InvalidOperationException($"/api/structures answered {status} with {features} features: expected at least {BenchEnvironment.Count} from {db}.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _client?.Dispose();
        _factory?.Dispose();
        _factory = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "GET /api/structures (output cache hit)")]
    public Task<int> Structures() => GetAsync("/api/structures");

    [Benchmark(Description = "GET /api/structures, Authorization (cache bypassed)")]
    public Task<int> StructuresUncached() => GetAsync("/api/structures", authorize: true);

    [Benchmark(Description = "GET /api/structures?bench=N (cache miss + store)")]
    public Task<int> StructuresCacheMiss() => GetAsync($"/api/structures?bench={Interlocked.Increment(ref _buster)}");

    [Benchmark(Description = "GET /api/structures, Accept-Encoding: br (cache hit)")]
    public Task<int> StructuresBrotli() => GetAsync("/api/structures", encoding: "br");

    [Benchmark(Description = "GET /api/structures, Accept-Encoding: gzip (cache hit)")]
    public Task<int> StructuresGzip() => GetAsync("/api/structures", encoding: "gzip");

    [Benchmark(Description = "GET /api/structures?action=prevention (cache hit)")]
    public Task<int> StructuresFiltered() => GetAsync("/api/structures?action=prevention");

    [Benchmark(Description = "GET /api/structures?action=prevention, Authorization (cache bypassed)")]
    public Task<int> StructuresFilteredUncached() => GetAsync("/api/structures?action=prevention", authorize: true);

    [Benchmark(Description = "GET /api/structures/nearby?commune=68224 (cache hit)")]
    public Task<int> Nearby() => GetAsync("/api/structures/nearby?commune=68224");

    [Benchmark(Description = "GET /api/structures/nearby?commune=68224, Authorization (cache bypassed)")]
    public Task<int> NearbyUncached() => GetAsync("/api/structures/nearby?commune=68224", authorize: true);

    [Benchmark(Description = "GET /api/departements (cache hit)")]
    public Task<int> Departements() => GetAsync("/api/departements");

    [Benchmark(Description = "GET /api/departements, Authorization (cache bypassed)")]
    public Task<int> DepartementsUncached() => GetAsync("/api/departements", authorize: true);

    [Benchmark(Description = "GET / (Razor page, not cached)")]
    public Task<int> HomePage() => GetAsync("/");

    private async Task<int> GetAsync(string url, bool authorize = false, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (authorize)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "benchmark");
        }
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
        }
        // Drain the body into one reused buffer: the allocations reported are the server's (and TestServer's), not a client copy.
        await using var body = await response.Content.ReadAsStreamAsync();
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(_sink)) > 0)
        {
            length += read;
        }
        return length;
    }
}
