using Xunit.Abstractions;

namespace PareNetwork.BrowserTests;

/// <summary>The home page used with the keyboard alone.</summary>
public sealed class KeyboardTests(PareAppFixture app, ITestOutputHelper output) : BrowserTest(app, output)
{
    /// <summary>« #quitter », « skip link » (a link to the page's &lt;main&gt;), « body », or the focused element's markup.</summary>
    private const string DescribeFocus = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return 'body';
          if (e.id === 'quitter') return '#quitter';
          const target = e.matches('a[href^="#"]') && e.getAttribute('href').length > 1 ? document.getElementById(e.getAttribute('href').slice(1)) : null;
          if (target && target.matches('main')) return 'skip link';
          return e.outerHTML.slice(0, 160);
        }
        """;

    [Fact]
    public async Task First_tab_reaches_the_skip_link_or_the_quick_exit()
    {
        await OpenAsync("/");

        await Page.Keyboard.PressAsync("Tab");

        var focused = await Page.EvaluateAsync<string>(DescribeFocus);
        Assert.True(focused is "#quitter" or "skip link", $"The first Tab should focus #quitter or the skip link to <main>, it focused: {focused}");
    }

    [Fact]
    public async Task Map_markers_are_in_the_tab_order()
    {
        await OpenAsync("/");

        var focusable = Page.Locator("#map .leaflet-marker-icon[tabindex=\"0\"]");
        var count = await EventuallyAsync(focusable.CountAsync, n => n > 0);
        Assert.True(count > 0, "No map marker or cluster (.leaflet-marker-icon[tabindex=\"0\"]) can take the keyboard focus.");

        await focusable.First.FocusAsync();
        var focused = await Page.EvaluateAsync<bool>("() => document.activeElement?.matches('#map .leaflet-marker-icon') ?? false");
        Assert.True(focused, "The first map marker did not take the focus.");
    }
}
