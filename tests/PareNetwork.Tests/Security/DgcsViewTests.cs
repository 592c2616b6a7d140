using System.Net;
using PareNetwork.Tests.Api;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;

namespace PareNetwork.Tests.Security;

/// <summary>
/// The DGCS and the coordination see a confidential structure at its real place on its page; the public never does,
/// even when the page was first asked for by one of them (the output cache serves and stores anonymous answers only).
/// </summary>
public sealed class DgcsViewTests(ShelterApp app) : IClassFixture<ShelterApp>
{
    private const string Mark = "Adresse confidentielle — visible par la DGCS et la coordination uniquement";

    private string Page => $"/structures/{app.ShelterId}";

    private async Task<string> PageUrlAsync()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        using var redirect = await anonymous.GetAsync(Page);
        return redirect.Headers.Location?.OriginalString ?? Page;
    }

    [Theory]
    [InlineData(Roles.Dgcs)]
    [InlineData(Roles.Coordination)]
    public async Task A_DGCS_or_coordination_view_of_a_shelter_never_reaches_an_anonymous_visitor(string role)
    {
        var url = await PageUrlAsync();
        using var reviewer = await Browsing.AsAsync(app.Factory, role);
        using var anonymous = Browsing.Anonymous(app.Factory);

        // Signed in first: the real place, marked.
        using (var response = await reviewer.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains(Mark, html, StringComparison.Ordinal);
            Assert.Contains(ShelterApp.SecretAddress, html, StringComparison.Ordinal);
            Assert.Contains("(68195)", html, StringComparison.Ordinal);
        }

        // Then anonymous, twice (the second from the output cache): département level only.
        for (var i = 0; i < 2; i++)
        {
            var html = await anonymous.GetHtmlAsync(url);
            Assert.Contains("L'adresse de cette structure est confidentielle", html, StringComparison.Ordinal);
            Assert.DoesNotContain(ShelterApp.SecretAddress, html, StringComparison.Ordinal);
            Assert.DoesNotContain(Mark, html, StringComparison.Ordinal);
            Assert.DoesNotContain("68195", html, StringComparison.Ordinal);
        }

        // And a cached anonymous answer is never served to the reviewer.
        Assert.Contains(ShelterApp.SecretAddress, await reviewer.GetHtmlAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_sees_the_public_page_only()
    {
        var url = await PageUrlAsync();
        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre);
        var html = await member.GetHtmlAsync(url);
        Assert.DoesNotContain(ShelterApp.SecretAddress, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Mark, html, StringComparison.Ordinal);
    }
}
