using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using PareNetwork.Tests.Infrastructure;

namespace PareNetwork.Tests.Transfers;

/// <summary>The import page as a browser uses it: a multipart upload with the antiforgery token, then « Appliquer ».</summary>
internal static partial class ImportPage
{
    public sealed record Preview(HttpStatusCode Status, string Html)
    {
        public string? Token => Hidden("jeton");

        public string? Fingerprint => Hidden("empreinte");

        public int Count(string outcome) => int.Parse(Regex.Match(Html, $"data-compte=\"{outcome}\">(\\d+)<").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The outcome shown for each listed row, by line.</summary>
        public Dictionary<long, string> Outcomes => RowOutcome().Matches(Html).ToDictionary(
            m => long.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups["outcome"].Value);

        private string? Hidden(string name) => Regex.Match(Html, $"name=\"{name}\" value=\"(?<v>[^\"]*)\"") is { Success: true } m ? m.Groups["v"].Value : null;
    }

    public static async Task<string> AntiforgeryTokenAsync(Browsing browsing, string page)
    {
        using var get = await browsing.GetAsync(page);
        var html = await get.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        return token.Success ? WebUtility.HtmlDecode(token.Groups["value"].Value) : throw new InvalidOperationException($"No antiforgery token on {page} ({get.StatusCode}).");
    }

    public static async Task<Preview> UploadAsync(Browsing browsing, byte[] content, string fileName = "structures.csv")
    {
        var token = await AntiforgeryTokenAsync(browsing, "/admin/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "fichier", fileName);
        using var response = await browsing.Client.PostAsync(new Uri("/admin/import?handler=Apercu", UriKind.Relative), form);
        return new Preview(response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    public static async Task<Preview> ApplyAsync(Browsing browsing, Preview preview)
    {
        Assert.NotNull(preview.Token);
        using var response = await browsing.PostFormAsync("/admin/import", new Dictionary<string, string>
        {
            ["jeton"] = preview.Token!,
            ["empreinte"] = preview.Fingerprint!,
        }, "/admin/import?handler=Appliquer");
        return new Preview(response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("data-ligne=\"(?<line>\\d+)\" data-resultat=\"(?<outcome>[^\"]+)\"")]
    private static partial Regex RowOutcome();
}
