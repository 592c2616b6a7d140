using System.Diagnostics;
using Microsoft.Playwright;

namespace PareNetwork.Benchmarks;

/// <summary>
/// Is the map still usable with every structure on it? Opens the map page of a running app in headless Chromium
/// (Debian's, as the browser tests do), waits for the marker clusters, then zooms in three times, and reports the
/// timings and the main-thread long tasks (over 50 ms: what makes a page feel stuck).
/// Requests outside the app (map tiles) are aborted: the check stays offline and measures the app only.
/// </summary>
public static class MapCheck
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private const string LongTaskObserver = """
        window.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
            .observe({ type: 'longtask', buffered: true });
        """;

    private const string TakeLongTasks = "() => { const l = window.__longTasks; window.__longTasks = []; return [l.length, l.reduce((a, d) => a + d, 0), Math.max(0, ...l)]; }";

    private const string CountIcons = "() => [document.querySelectorAll('.marker-cluster').length, document.querySelectorAll('.leaflet-marker-icon').length]";

    public static async Task<int> RunAsync(Uri baseUrl, int runs, string chromium, TextWriter output)
    {
        if (!File.Exists(chromium))
        {
            await output.WriteLineAsync($"Chromium is missing at {chromium} (apt-get install -y chromium): map check skipped.");
            return 0;
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        var failures = 0;
        for (var run = 1; run <= runs; run++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await context.RouteAsync("**/*", route =>
                Uri.TryCreate(route.Request.Url, UriKind.Absolute, out var url) && url.Authority == baseUrl.Authority ? route.ContinueAsync() : route.AbortAsync());
            var page = await context.NewPageAsync();
            await page.AddInitScriptAsync(LongTaskObserver);
            var errors = new List<string>();
            page.PageError += (_, error) => errors.Add(error);

            var clock = Stopwatch.StartNew();
            await page.GotoAsync(baseUrl.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var loadMs = clock.ElapsedMilliseconds;
            try
            {
                await page.WaitForSelectorAsync(".marker-cluster", new PageWaitForSelectorOptions { Timeout = 60_000 });
            }
            catch (TimeoutException)
            {
                await output.WriteLineAsync($"run {run}: no marker cluster after 60 s; page errors: {string.Join(" | ", errors)}");
                failures++;
                continue;
            }
            var clustersMs = clock.ElapsedMilliseconds;
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var icons = await page.EvaluateAsync<int[]>(CountIcons);
            var loadTasks = await page.EvaluateAsync<double[]>(TakeLongTasks);

            clock.Restart();
            for (var i = 0; i < 3; i++)
            {
                await page.ClickAsync(".leaflet-control-zoom-in");
                await page.WaitForTimeoutAsync(400);
            }
            var zoomTasks = await page.EvaluateAsync<double[]>(TakeLongTasks);
            var zoomedIcons = await page.EvaluateAsync<int[]>(CountIcons);
            var heapMiB = await page.EvaluateAsync<double>("() => performance.memory ? performance.memory.usedJSHeapSize / 1048576 : -1");

            await output.WriteLineAsync(
                $"run {run}: load event {loadMs} ms, first clusters {clustersMs} ms ({icons[0]} clusters, {icons[1]} icons); "
                + $"long tasks while loading: {loadTasks[0]} = {loadTasks[1]:F0} ms (longest {loadTasks[2]:F0} ms); "
                + $"3 zoom-ins: {zoomTasks[0]} long tasks = {zoomTasks[1]:F0} ms (longest {zoomTasks[2]:F0} ms), {zoomedIcons[0]} clusters + {zoomedIcons[1] - zoomedIcons[0]} markers shown; "
                + $"JS heap {heapMiB:F0} MiB; page errors: {(errors.Count == 0 ? "none" : string.Join(" | ", errors))}");
            failures += errors.Count > 0 ? 1 : 0;
        }
        return failures == 0 ? 0 : 1;
    }
}
