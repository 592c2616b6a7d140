using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PareNetwork.BrowserTests;

/// <summary>axe-core (npm axe-core, restored at build from libman.json) finds no serious or critical WCAG 2.1 A/AA violation.</summary>
public sealed class AccessibilityTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    private static readonly string AxePath = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

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

    public static TheoryData<string> Pages => ["/", "/liste", "/departements/68", "Mouvement du Nid du Haut-Rhin"];

    protected override bool BypassCsp => true;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_serious_or_critical_violation(string page)
    {
        Assert.True(File.Exists(AxePath), $"axe-core is missing at {AxePath}: the build restores it from tests/PareNetwork.BrowserTests/libman.json.");
        await OpenAsync(await ResolveAsync(page));
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxePath });
        var violations = await Page.EvaluateAsync<JsonElement>(RunAxe);

        var blocking = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .ToList();
        if (blocking.Count > 0)
        {
            var report = new StringBuilder($"axe found {blocking.Count} serious or critical violation(s) on {page}:");
            foreach (var v in blocking)
            {
                report.Append($"\n- {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}");
                foreach (var target in v.GetProperty("targets").EnumerateArray())
                {
                    report.Append($"\n    {target.GetString()}");
                }
            }
            Assert.Fail(report.ToString());
        }
    }
}
