using System.Text.Json;

namespace PareNetwork.Tests.Api;

internal static class ApiTestHelpers
{
    public static async Task<JsonDocument> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public static IEnumerable<JsonElement> Features(this JsonDocument doc) => doc.RootElement.GetProperty("features").EnumerateArray();

    public static string Prop(this JsonElement feature, string name) => feature.GetProperty("properties").GetProperty(name).ToString();

    public static IEnumerable<string> PropList(this JsonElement feature, string name) =>
        feature.GetProperty("properties").GetProperty(name).EnumerateArray().Select(e => e.GetString()!);
}
