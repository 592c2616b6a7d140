using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PareNetwork.BrowserTests;

/// <summary>
/// A test with its own browser context and page. Every request that leaves the app's loopback address is blocked
/// (map tiles get an empty PNG, anything else is aborted), so the suite runs offline and the pages must work without tiles.
/// JavaScript errors and blocked requests are written to the test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(PareAppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>How long a locator assertion or an action waits before failing.</summary>
    protected const float WaitMs = 7_000;

    /// <summary>A 1×1 transparent PNG, served in place of every external image (map tiles).</summary>
    private static readonly byte[] EmptyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly List<string> _journal = [];
    private int _emptyImages;
    private IBrowserContext? _context;
    private IPage? _page;

    protected PareAppFixture App { get; } = app;

    protected IPage Page => _page ?? throw new InvalidOperationException("The page is not open.");

    /// <summary>The axe scans need to inject a script despite the app's CSP (script-src 'self').</summary>
    protected virtual bool BypassCsp => false;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(WaitMs);
        _context = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BypassCSP = BypassCsp,
        });
        _context.SetDefaultTimeout(WaitMs);
        _context.SetDefaultNavigationTimeout(15_000);
        await _context.RouteAsync("**/*", KeepOfflineAsync);
        _page = await _context.NewPageAsync();
        _page.PageError += (_, error) => _journal.Add($"JavaScript error: {error}");
        _page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _journal.Add($"console.error: {message.Text}");
            }
        };
    }

    public async Task DisposeAsync()
    {
        foreach (var line in _journal)
        {
            output.WriteLine(line);
        }
        if (_emptyImages > 0)
        {
            output.WriteLine($"{_emptyImages} external image request(s) (map tiles) answered with an empty PNG.");
        }
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    /// <summary>Opens a page of the app and checks that it answered 200: a missing page fails at once, not after a wait.</summary>
    protected async Task OpenAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is not null, $"No response for {path}.");
        Assert.True(response.Status == 200, $"GET {path} answered {response.Status}, expected 200.");
    }

    /// <summary>The path (and query) of the page's current URL.</summary>
    protected string CurrentPath => new Uri(Page.Url).PathAndQuery;

    /// <summary>A page given as a path, or as the exact name of a published structure (its page).</summary>
    protected async Task<string> ResolveAsync(string page) =>
        page.StartsWith('/') ? page : (await App.StructureAsync(page)).GetProperty("url").GetString()!;

    /// <summary>Reads a value until it is accepted or the wait is over; returns the last value read, for the assertion.</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> accept)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(WaitMs);
        while (true)
        {
            var value = await read();
            if (accept(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>« 1 structure », « 34 structures » (French: 0 and 1 take the singular).</summary>
    protected static string StructureCount(int count) => count <= 1 ? $"{count} structure" : $"{count} structures";

    private async Task KeepOfflineAsync(IRoute route)
    {
        var url = new Uri(route.Request.Url);
        if (url.Host == App.BaseAddress.Host && url.Port == App.BaseAddress.Port)
        {
            await route.ContinueAsync();
            return;
        }
        if (route.Request.ResourceType == "image")
        {
            Interlocked.Increment(ref _emptyImages);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/png", BodyBytes = EmptyPng });
        }
        else
        {
            _journal.Add($"blocked: {route.Request.Method} {route.Request.Url}");
            await route.AbortAsync("internetdisconnected");
        }
    }
}
