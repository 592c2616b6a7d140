using System.Net;
using System.Text;
using System.Text.Json;
using PareNetwork.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PareNetwork.Tests;

/// <summary>
/// Garbage sent to every public route and parameter — blanks, NUL, huge numbers, NaN, right-to-left marks, CRLF,
/// very long strings, duplicated parameters — never gets a 5xx, and every 400 is a French problem document (API)
/// or the French error page. The random part is seeded, so a failure can be replayed.
/// </summary>
[Collection(SeededAppCollection.Name)]
public class GarbageInputTests(SeededApp app, ITestOutputHelper output)
{
    private const int Seed = 20261201;

    /// <summary>Every public route with the parameters it reads.</summary>
    private static readonly (string Path, string[] Parameters)[] Routes =
    [
        ("/", ["commune", "saisie", "departement", "action", "public", "portee", "nature", "q"]),
        ("/liste", ["commune", "saisie", "departement", "action", "public", "portee", "nature", "q", "page"]),
        ("/resultats", ["commune", "saisie", "departement", "action", "public", "portee", "nature", "q"]),
        ("/departements/68", []),
        ("/discretion", []),
        ("/Error", ["code"]),
        ("/health", []),
        ("/api/departements", []),
        ("/api/structures", ["departement", "action", "public", "portee", "nature", "q"]),
        ("/api/structures/nearby", ["commune", "lat", "lon", "limit"]),
        ("/api/structures/around", ["commune", "lat", "lon", "departement", "action", "public", "portee", "nature", "q"]),
        ("/api/communes/search", ["q"]),
        ("/ressources", ["q", "type", "theme", "region", "departement", "public", "annee", "page"]),
        ("/agenda", ["region", "departement", "page"]),
        ("/agenda/archives", ["region", "departement", "page"]),
        ("/agenda.ics", []),
        ("/ressources.atom", []),
    ];

    /// <summary>Route segments: the département code and the structure id and slug.</summary>
    private static readonly string[] RouteTemplates = ["/departements/{0}", "/structures/{0}", "/structures/1/{0}", "/structures/{0}/x", "/ressources/{0}", "/ressources/9/{0}", "/agenda/{0}", "/agenda/1/{0}", "/agenda/{0}.ics"];

    private static readonly string[] Garbage =
    [
        "", " ", "\t", "\0", "a\0b", "\r\n", "x\r\nSet-Cookie: pris=1", "\u200F68224", "\u202E12", "\uFEFF",
        "NaN", "-NaN", "Infinity", "-Infinity", "1e309", "99999999999999999999999999", "-99999999999999999999", "-1", "0",
        "0x10", "1,5", "١٢٣", "47.75.3", "%", "%%41", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --",
        "\uD83D\uDE00", "\uFFFD", new string('a', 5_000), new string('9', 2_000), "2A", "2b", "975", "null", "undefined", "[]", "{}",
    ];

    [Fact]
    public async Task Garbage_in_every_parameter_of_every_public_route_never_answers_5xx()
    {
        var random = new Random(Seed);
        var requests = new List<string>();
        foreach (var (path, parameters) in Routes)
        {
            foreach (var parameter in parameters)
            {
                requests.AddRange(Garbage.Select(value => $"{path}?{parameter}={Escape(value)}"));
                // The same parameter twice, one good value and one bad.
                requests.Add($"{path}?{parameter}=68224&{parameter}={Escape(Pick(random))}");
            }
            for (var i = 0; i < 20 && parameters.Length > 0; i++)
            {
                var query = string.Join('&', Enumerable.Range(0, random.Next(2, 5))
                    .Select(_ => $"{parameters[random.Next(parameters.Length)]}={Escape(Pick(random))}"));
                requests.Add($"{path}?{query}");
            }
        }
        foreach (var template in RouteTemplates)
        {
            // A NUL in the path never reaches the app: Kestrel refuses the request line (and the test host throws).
            requests.AddRange(Garbage.Where(v => v.Length > 0 && !v.Contains('\0', StringComparison.Ordinal)).Select(value => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Escape(value))));
        }
        requests.Add("/departements/%20");

        var failures = new List<string>();
        foreach (var url in requests)
        {
            using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));
            var problem = await CheckAsync(url, response);
            if (problem is not null)
            {
                failures.Add(problem);
            }
        }
        output.WriteLine($"{requests.Count} requests sent (seed {Seed}).");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} answers were wrong:\n{string.Join('\n', failures.Take(30))}");
        Assert.True(requests.Count > 1_000, $"Only {requests.Count} requests were sent.");
    }

    [Fact]
    public async Task A_blank_departement_code_is_a_page_not_found()
    {
        using var response = await app.Client.GetAsync(new Uri("/departements/%20", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page introuvable</h1>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">Retour à la carte</a>", body, StringComparison.Ordinal);
    }

    private static string Escape(string value)
    {
        // Lone surrogates cannot be escaped as UTF-8; such input reaches the server as U+FFFD anyway.
        var safe = new string([.. value.Select(c => char.IsSurrogate(c) ? '\uFFFD' : c)]);
        return value.Contains('\uD83D', StringComparison.Ordinal) ? Uri.EscapeDataString(value) : Uri.EscapeDataString(safe);
    }

    private static string Pick(Random random) => Garbage[random.Next(Garbage.Length)];

    /// <summary>Null when the answer is acceptable; otherwise what is wrong with it.</summary>
    private static async Task<string?> CheckAsync(string url, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var shortUrl = url.Length > 120 ? url[..120] + "…" : url;
        if (status >= 500)
        {
            return $"{status} for {shortUrl}";
        }
        if (status != 400)
        {
            return null;
        }
        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            if (mediaType != "application/problem+json")
            {
                return $"400 for {shortUrl} is {mediaType}, not a problem document";
            }
            using var doc = JsonDocument.Parse(body);
            var title = doc.RootElement.GetProperty("title").GetString() ?? "";
            return LooksFrench(title) ? null : $"400 for {shortUrl} has the title « {title} »";
        }
        return mediaType == "text/html" && body.Contains("<html lang=\"fr\"", StringComparison.Ordinal) && body.Contains("Retour à la carte", StringComparison.Ordinal)
            ? null
            : $"400 for {shortUrl} is not the French error page";
    }

    /// <summary>The French titles of the app, never ASP.NET Core's English reason phrases.</summary>
    private static bool LooksFrench(string title) =>
        title.Length > 0 && !title.Equals("Bad Request", StringComparison.Ordinal)
        && !title.StartsWith("One or more", StringComparison.Ordinal)
        && (title.Contains("invalide", StringComparison.Ordinal) || title.Contains("Requête", StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(title) > title.Length);
}
