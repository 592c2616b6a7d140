using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using PareNetwork.Web.Catalog;

namespace PareNetwork.Web.Api;

internal static class HttpCaching
{
    public const string CatalogTag = "catalog";

    public const string CatalogPolicyName = "catalog";

    /// <summary>The query parameters the public pages and APIs read; any other parameter shares the cache entry.</summary>
    private static readonly string[] QueryKeys =
        ["departement", "action", "public", "portee", "nature", "q", "commune", "lat", "lon", "limit", "page", "saisie", "code"];

    /// <summary>
    /// Output cache for answers computed from the catalog: keyed by the known query parameters, the accepted
    /// encodings (the cache sits outside compression and stores compressed bodies) and the catalog generation;
    /// evicted by tag when the catalog is invalidated.
    /// </summary>
    public static void CatalogPolicy(OutputCachePolicyBuilder policy) => policy
        // Only anonymous answers: a signed-in request is neither served from the cache nor stored in it.
        .With(context => context.HttpContext.User.Identity?.IsAuthenticated != true)
        .Tag(CatalogTag)
        .SetVaryByQuery(QueryKeys)
        .SetVaryByHeader(HeaderNames.AcceptEncoding)
        .VaryByValue(context => new KeyValuePair<string, string>(
            "generation", context.RequestServices.GetRequiredService<StructureCatalog>().Generation.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// Sets the validators of a public response and tells whether the client's copy is still current. Clients
    /// revalidate on every use (a 304 costs nothing from the output cache) so a change shows at once; the ETag is
    /// weak because the same version is served identity-, gzip- or brotli-encoded.
    /// </summary>
    public static bool IsNotModified(HttpContext context, string version)
    {
        var etag = new EntityTagHeaderValue($"\"{version}\"", isWeak: true);
        context.Response.Headers.ETag = etag.ToString();
        context.Response.Headers.CacheControl = "public, no-cache";
        return EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var candidates)
            && candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false));
    }

    public static string Version(string baseVersion, string? query) =>
        string.IsNullOrEmpty(query) ? baseVersion : $"{baseVersion}-{(uint)StableHash(query):x8}";

    private static int StableHash(string text)
    {
        var hash = unchecked((int)2166136261);
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }
        return hash;
    }
}
