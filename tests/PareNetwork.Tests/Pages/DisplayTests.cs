using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Tests.Pages;

public class DisplayTests
{
    [Theory]
    [InlineData("https://violences-parlonsen.fr", "https://violences-parlonsen.fr/")]
    [InlineData(" http://www.exemple.org/page?x=1 ", "http://www.exemple.org/page?x=1")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,<script>", null)]
    [InlineData("/chemin/local", null)]
    [InlineData("www.exemple.org", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_web_addresses_become_links(string? url, string? expected)
    {
        Assert.Equal(expected, Display.WebHref(url));
    }

    [Theory]
    [InlineData("0805 802 804", "tel:0805802804")]
    [InlineData("116 000", "tel:116000")]
    [InlineData("+33 1 23 45 67 89", "tel:+33123456789")]
    public void Phone_links_keep_only_digits_and_plus(string phone, string expected)
    {
        Assert.Equal(expected, Display.TelHref(phone));
    }

    [Theory]
    [InlineData(0, "0 structure")]
    [InlineData(1, "1 structure")]
    [InlineData(34, "34 structures")]
    [InlineData(10034, "10034 structures")]
    public void Counts_use_the_french_singular_for_zero_and_one(int count, string expected)
    {
        Assert.Equal(expected, Display.Count(count, "structure", "structures"));
    }

    [Fact]
    public void Distances_use_a_decimal_comma()
    {
        Assert.Equal("12,3 km", Display.Distance(12.345));
        Assert.Equal("0,0 km", Display.Distance(0));
    }

    [Fact]
    public void Dates_are_written_the_french_way_in_paris_time()
    {
        Assert.Equal("1er mars 2026", Display.Date(new DateTime(2026, 2, 28, 23, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("12 novembre 2026", Display.Date(new DateTime(2026, 11, 12, 10, 0, 0, DateTimeKind.Utc)));
    }
}
