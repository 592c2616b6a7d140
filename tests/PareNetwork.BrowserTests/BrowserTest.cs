using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PareNetwork.BrowserTests;

/// <summary>
/// A test with its own browser context and page. Every request that leaves the app's loopback address is kept
/// offline: external images (map tiles) get an empty PNG, so that the pages work without tiles and the browser
/// reports no error for them; anything else is aborted and fails the test, the app has no business calling out.
/// A test fails too on any JavaScript error, console error or Content-Security-Policy violation seen while it ran.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(PareAppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>How long a locator assertion or an action waits before failing.</summary>
    protected const float WaitMs = 7_000;

    /// <summary>A 1×1 transparent PNG, served in place of every external image (map tiles).</summary>
    private static readonly byte[] EmptyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>
    /// Reports every CSP violation to the test, also in the axe scans, which bypass the CSP to inject axe-core:
    /// there the browser does not enforce the policy, so the check is left to the other tests.
    /// </summary>
    private const string ReportCspViolations = """
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__pareCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || document.URL}:${e.lineNumber}`);
        });
        """;

    private readonly Lock _journalLock = new();
    private readonly List<string> _journal = [];
    private readonly List<Func<IConsoleMessage, bool>> _expectedConsoleErrors = [];
    private int _emptyImages;
    private IBrowserContext? _context;
    private IPage? _page;

    protected PareAppFixture App { get; } = app;

    protected ITestOutputHelper Output { get; } = output;

    protected IPage Page => _page ?? throw new InvalidOperationException("The page is not open.");

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser context is not open.");

    /// <summary>The axe scans need to inject a script despite the app's CSP (script-src 'self').</summary>
    protected virtual bool BypassCsp => false;

    /// <summary>The phone's screen, in CSS pixels (a common 6.1-inch phone).</summary>
    protected const int PhoneWidth = 390, PhoneHeight = 844;

    /// <summary>
    /// A test class opts into a phone: a 390 × 844 viewport, a mobile layout viewport (the meta viewport applies,
    /// a page wider than the screen would show it) and touch; else a 1280 × 900 desktop window.
    /// </summary>
    protected virtual bool Phone => false;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(WaitMs);
        _context = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = Phone ? new ViewportSize { Width = PhoneWidth, Height = PhoneHeight } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = Phone,
            HasTouch = Phone,
            DeviceScaleFactor = Phone ? 3 : 1,
            BypassCSP = BypassCsp,
        });
        _context.SetDefaultTimeout(WaitMs);
        _context.SetDefaultNavigationTimeout(15_000);
        await _context.RouteAsync("**/*", KeepOfflineAsync);
        await _context.ExposeFunctionAsync("__pareCspViolation", (string violation) => Note($"CSP violation: {violation}"));
        await _context.AddInitScriptAsync(ReportCspViolations);
        _page = await _context.NewPageAsync();
        _page.PageError += (_, error) => Note($"JavaScript error: {error}");
        _page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsExpected(message))
            {
                Note($"console.error: {message.Text} ({message.Location})");
            }
        };
    }

    public async Task DisposeAsync()
    {
        try
        {
            // Scripts still loading or fetching when the test body ends may yet report an error.
            if (_page is not null && !_page.IsClosed)
            {
                await _page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 5_000 });
            }
        }
        catch (TimeoutException)
        {
            // A page that never settles fails on its own assertions; the journal below is what this check is about.
        }
        string[] journal;
        lock (_journalLock)
        {
            journal = [.. _journal];
        }
        foreach (var line in journal)
        {
            Output.WriteLine(line);
        }
        if (_emptyImages > 0)
        {
            Output.WriteLine($"{_emptyImages} external image request(s) (map tiles) answered with an empty PNG.");
        }
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
        Assert.True(journal.Length == 0,
            $"The browser reported {journal.Length} problem(s) during the test:\n{string.Join('\n', journal)}");
    }

    /// <summary>Opens a page of the app and checks that it answered 200: a missing page fails at once, not after a wait.</summary>
    protected Task OpenAsync(string path) => OpenAsync(path, 200);

    /// <summary>Opens a page of the app and checks its status code.</summary>
    protected async Task OpenAsync(string path, int expectedStatus)
    {
        if (expectedStatus != 200)
        {
            // Chromium writes a console error for the document's own error status; that one, and only it, is expected.
            var url = new Uri(App.BaseAddress, path).ToString();
            ExpectConsoleError(message => message.Location.StartsWith(url + ":", StringComparison.Ordinal)
                && message.Text.StartsWith($"Failed to load resource: the server responded with a status of {expectedStatus} ", StringComparison.Ordinal));
        }
        var response = await Page.GotoAsync(path);
        Assert.True(response is not null, $"No response for {path}.");
        Assert.True(response.Status == expectedStatus, $"GET {path} answered {response.Status}, expected {expectedStatus}.");
    }

    /// <summary>A console error the test provokes on purpose; any other still fails it.</summary>
    protected void ExpectConsoleError(Func<IConsoleMessage, bool> match)
    {
        lock (_journalLock)
        {
            _expectedConsoleErrors.Add(match);
        }
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

    /// <summary>« Aucune structure », « 1 structure », « 34 structures »: how #resultats-compte starts (French says « aucune » for 0).</summary>
    protected static string StructureCount(int count) => count switch
    {
        <= 0 => "Aucune structure",
        1 => "1 structure",
        _ => $"{count} structures",
    };

    private void Note(string line)
    {
        lock (_journalLock)
        {
            _journal.Add(line);
        }
    }

    private bool IsExpected(IConsoleMessage consoleError)
    {
        lock (_journalLock)
        {
            return _expectedConsoleErrors.Any(match => match(consoleError));
        }
    }

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
            Note($"external request blocked: {route.Request.Method} {route.Request.Url} ({route.Request.ResourceType})");
            await route.AbortAsync("internetdisconnected");
        }
    }
}
