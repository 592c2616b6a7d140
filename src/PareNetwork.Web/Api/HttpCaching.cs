using Microsoft.Net.Http.Headers;

namespace PareNetwork.Web.Api;

internal static class HttpCaching
{
    public const string CatalogTag = "catalog";

    /// <summary>Sets the validators of a public response and tells whether the client's copy is still current.</summary>
    public static bool IsNotModified(HttpContext context, string version)
    {
        var etag = new EntityTagHeaderValue($"\"{version}\"");
        context.Response.Headers.ETag = etag.ToString();
        context.Response.Headers.CacheControl = "public, max-age=60";
        return EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch, out var candidates)
            && candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false));
    }

    public static string Version(string catalogVersion, string? query) =>
        string.IsNullOrEmpty(query) ? catalogVersion : $"{catalogVersion}-{(uint)StableHash(query):x8}";

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
