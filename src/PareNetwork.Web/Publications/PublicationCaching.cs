using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace PareNetwork.Web.Publications;

internal static class PublicationCaching
{
    public const string Tag = "publications";

    public const string PolicyName = "publications";

    /// <summary>
    /// Output cache of the centre, the agenda and the feeds, for anonymous visitors only: keyed by the filter parameters,
    /// the accepted encodings, the catalogue generation and how many events are over at this moment (so an event moves to
    /// the archive exactly when it ends, not when the entry expires); evicted by tag at every invalidation.
    /// </summary>
    public static void Policy(OutputCachePolicyBuilder policy) => policy
        .With(context => context.HttpContext.User.Identity?.IsAuthenticated != true)
        .Tag(Tag)
        .SetVaryByQuery([.. PublicationFilter.Parameters, "page"])
        .SetVaryByHeader(HeaderNames.AcceptEncoding)
        .VaryByValue(async (context, _) =>
        {
            var catalog = context.RequestServices.GetRequiredService<PublicationCatalog>();
            var generation = catalog.Generation;
            var snapshot = await catalog.GetAsync();
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            return new KeyValuePair<string, string>("publications", FormattableString.Invariant($"{generation}-{snapshot.OverCount(now)}"));
        });
}
