using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PareNetwork.BrowserTests;

/// <summary>The real app on Kestrel, on a free loopback port, over its own fresh SQLite file (migrated and seeded at start).</summary>
public sealed class PareAppFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath;

    public PareAppFactory(string databasePath)
    {
        _databasePath = databasePath;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Pare", $"Data Source={_databasePath}");
        builder.UseSetting("Pare:PublicUrl", "http://127.0.0.1");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Every browser test posts from the loopback address: the per-IP limit of the public forms would trip.
        builder.UseSetting("Pare:Forms:PermitLimit", "10000");
        // The tests' own seed (tests/TestSeed): curating data-seed/ breaks no test.
        builder.UseSetting("Pare:Seed:DataPath", Path.Combine(AppContext.BaseDirectory, "test-seed"));
    }
}

/// <summary>
/// One app and one headless Debian Chromium for the whole collection; each test opens its own browser context.
/// Without /usr/bin/chromium every test of the collection fails with the install command: none is skipped.
/// </summary>
public sealed class PareAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pare-browser-tests-" + Guid.NewGuid().ToString("N"));
    private PareAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private HttpClient? _http;

    /// <summary>The app's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A plain HTTP client to the running app (real sockets, real pipeline).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The app is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not started.");

    /// <summary>The app's services (accounts for the signed-in pages).</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}, which is missing: install it with `apt-get install -y chromium` (Playwright's own browser download is not used).");
        }

        Directory.CreateDirectory(_directory);
        _factory = new PareAppFactory(Path.Combine(_directory, "pare.db"));
        await Task.Run(_factory.StartServer);
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel is not listening on 127.0.0.1 (addresses: {string.Join(", ", addresses)}).");
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        _http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The features of a GeoJSON answer of the app's API, e.g. "api/structures?action=hebergement".</summary>
    public async Task<IReadOnlyList<JsonElement>> FeaturesAsync(string pathAndQuery)
    {
        using var response = await Http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET /{pathAndQuery} answered {(int)response.StatusCode}.");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone())];
    }

    /// <summary>The properties of the published structure with this exact name.</summary>
    public async Task<JsonElement> StructureAsync(string name)
    {
        var features = await FeaturesAsync("api/structures");
        var matches = features.Select(f => f.GetProperty("properties")).Where(p => p.GetProperty("nom").GetString() == name).ToList();
        Assert.True(matches.Count == 1, $"Expected one published structure named « {name} », found {matches.Count}.");
        return matches[0];
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<PareAppFixture>
{
    public const string Name = "Browser";
}
