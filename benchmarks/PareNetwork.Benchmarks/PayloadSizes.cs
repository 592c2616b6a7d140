using System.Net.Http.Headers;

namespace PareNetwork.Benchmarks;

/// <summary>Sizes on the wire of the heavy payloads: raw, gzip and brotli, as the app's response compression produces them.</summary>
public static class PayloadSizes
{
    public static readonly string[] Urls = ["/api/structures", "/api/structures?action=prevention", "/api/departements", "/"];

    public static async Task PrintAsync(PareAppFactory factory, TextWriter output)
    {
        using var client = factory.CreateRawClient();
        await output.WriteLineAsync($"{"URL",-36} {"status",6} {"features",8} {"raw",12} {"gzip",12} {"br",12}");
        foreach (var url in Urls)
        {
            var (status, raw, features) = await FetchAsync(client, url, null);
            var (_, gzip, _) = await FetchAsync(client, url, "gzip");
            var (_, br, _) = await FetchAsync(client, url, "br");
            await output.WriteLineAsync($"{url,-36} {status,6} {features,8} {Format(raw),12} {Format(gzip),12} {Format(br),12}");
        }
    }

    /// <summary>Status, body size as sent (compressed when asked and the app compresses) and the number of GeoJSON features.</summary>
    public static async Task<(int Status, long Bytes, int Features)> FetchAsync(HttpClient client, string url, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var compressed = response.Content.Headers.ContentEncoding.Count > 0;
        var features = compressed ? -1 : CountFeatures(body);
        return ((int)response.StatusCode, body.LongLength, features);
    }

    private static int CountFeatures(byte[] body)
    {
        var marker = "\"type\":\"Feature\""u8;
        var count = 0;
        var span = body.AsSpan();
        int index;
        while ((index = span.IndexOf(marker)) >= 0)
        {
            count++;
            span = span[(index + marker.Length)..];
        }
        return count;
    }

    private static string Format(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / 1024d / 1024d:F2} MiB",
        >= 1024 => $"{bytes / 1024d:F1} KiB",
        _ => $"{bytes} B",
    };
}
