using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PareNetwork.BrowserTests;

/// <summary>
/// axe-core (npm axe-core, restored at build from libman.json) finds no WCAG 2.1 A/AA violation of moderate, serious
/// or critical impact; minor ones are written to the test output.
/// </summary>
public sealed class AccessibilityTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private static readonly string AxePath = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    private static readonly string[] Failing = ["moderate", "serious", "critical"];

    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact ?? '',
            help: v.help,
            targets: v.nodes.map(n => n.target.join(' '))
          }));
        }
        """;

    protected override bool BypassCsp => true;

    [Theory]
    [MemberData(nameof(SafetyTests.Pages), MemberType = typeof(SafetyTests))]
    public async Task Page_has_no_moderate_serious_or_critical_violation(string page, int status)
    {
        Assert.True(File.Exists(AxePath), $"axe-core is missing at {AxePath}: the build restores it from tests/PareNetwork.BrowserTests/libman.json.");
        await OpenAsync(await ResolveAsync(page), status);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
        var violations = (await Page.EvaluateAsync<JsonElement>(RunAxe)).EnumerateArray().ToList();

        foreach (var minor in violations.Where(v => !Failing.Contains(v.GetProperty("impact").GetString())))
        {
            Output.WriteLine(Describe(minor));
        }
        var blocking = violations.Where(v => Failing.Contains(v.GetProperty("impact").GetString())).ToList();
        if (blocking.Count > 0)
        {
            var report = new StringBuilder($"axe found {blocking.Count} moderate, serious or critical violation(s) on {page}:");
            foreach (var v in blocking)
            {
                report.Append('\n').Append(Describe(v));
            }
            Assert.Fail(report.ToString());
        }
    }

    private static string Describe(JsonElement violation)
    {
        var text = new StringBuilder($"- {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}): {violation.GetProperty("help").GetString()}");
        foreach (var target in violation.GetProperty("targets").EnumerateArray())
        {
            text.Append($"\n    {target.GetString()}");
        }
        return text.ToString();
    }
}
