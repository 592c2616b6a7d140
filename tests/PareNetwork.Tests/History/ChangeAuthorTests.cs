using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using PareNetwork.Web.History;

namespace PareNetwork.Tests.History;

public class ChangeAuthorTests
{
    private static ChangeAuthor ForRequest(params Claim[] claims) => new(new Accessor
    {
        HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, claims.Length == 0 ? null : "test")) },
    });

    /// <summary>The framework's accessor keeps one context per async flow: two of them here would share it.</summary>
    private sealed class Accessor : IHttpContextAccessor
    {
        public HttpContext? HttpContext { get; set; }
    }

    [Fact]
    public void Outside_a_request_the_author_is_the_system_through_the_web_channel()
    {
        var author = new ChangeAuthor();

        Assert.Equal<(ChangeChannel, string?, string)>((ChangeChannel.Web, null, "système"), (author.Channel, author.AuthorId, author.AuthorLabel));
    }

    [Fact]
    public void An_anonymous_request_writes_as_the_system()
    {
        var author = ForRequest();

        Assert.Equal<(ChangeChannel, string?, string)>((ChangeChannel.Web, null, "système"), (author.Channel, author.AuthorId, author.AuthorLabel));
    }

    [Fact]
    public void A_signed_in_user_is_recorded_by_id_and_pseudonym_never_by_name_or_email()
    {
        var author = ForRequest(
            new Claim(ClaimTypes.NameIdentifier, "u-3"),
            new Claim(ClaimTypes.Name, "claire@example.org"),
            new Claim(ChangeAuthor.PseudonymClaimType, "Coordination #3"));
        var withoutPseudonym = ForRequest(new Claim(ClaimTypes.NameIdentifier, "u-4"), new Claim(ClaimTypes.Name, "paul@example.org"));

        Assert.Equal<(ChangeChannel, string?, string)>((ChangeChannel.Web, "u-3", "Coordination #3"), (author.Channel, author.AuthorId, author.AuthorLabel));
        Assert.Equal<(string?, string)>(("u-4", "compte u-4"), (withoutPseudonym.AuthorId, withoutPseudonym.AuthorLabel));
    }

    [Fact]
    public void Uses_nest_and_end_in_any_order()
    {
        var author = ForRequest(new Claim(ClaimTypes.NameIdentifier, "u-3"), new Claim(ChangeAuthor.PseudonymClaimType, "Coordination #3"));

        using (author.Use(ChangeChannel.Job, null, "tâche de rappel"))
        {
            Assert.Equal<(ChangeChannel, string?, string)>((ChangeChannel.Job, null, "tâche de rappel"), (author.Channel, author.AuthorId, author.AuthorLabel));
            var restoration = author.Use(ChangeChannel.Restauration);
            Assert.Equal<(ChangeChannel, string?, string)>((ChangeChannel.Restauration, null, "tâche de rappel"), (author.Channel, author.AuthorId, author.AuthorLabel));
            restoration.Dispose();
            restoration.Dispose();
            Assert.Equal(ChangeChannel.Job, author.Channel);
            using (author.Use(ChangeChannel.Import))
            {
                Assert.Equal(ChangeChannel.Import, author.Channel);
            }
        }
        Assert.Equal<(ChangeChannel, string?, string)>((ChangeChannel.Web, "u-3", "Coordination #3"), (author.Channel, author.AuthorId, author.AuthorLabel));

        var outer = author.Use(ChangeChannel.Import, "u-1", "Coordination #1");
        author.Use(ChangeChannel.Job, null, "tâche");
        outer.Dispose();
        Assert.Equal(ChangeChannel.Web, author.Channel);
    }
}
