using System.Net;
using System.Text.RegularExpressions;
using PareNetwork.Tests.Infrastructure;

namespace PareNetwork.Tests.Pages;

/// <summary>
/// The directory and the département pages count the local structures (scope locale or départementale, confidential
/// ones included) and state the national and régional ones apart, once. Counts are those of the test seed: 13 national
/// structures, one régional structure in Hauts-de-France and one in Bretagne, none local in the Creuse, six in the Rhône.
/// </summary>
[Collection(SeededAppCollection.Name)]
public partial class LocalCoverageTests(SeededApp app)
{
    private async Task<string> GetHtmlAsync(string url)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The last cell of the directory's row for a département, tags stripped.</summary>
    private static (string Text, bool NoLocal) DirectoryCell(string html, string code)
    {
        var row = DirectoryRow().Matches(html).Single(m => m.Groups["code"].Value == code);
        var cell = row.Groups["cell"].Value;
        return (Regex.Replace(cell, "<[^>]+>", "").Trim(), row.Groups["class"].Value == "sans-local");
    }

    [Fact]
    public async Task The_directory_counts_local_structures_and_marks_departements_without_any()
    {
        var html = await GetHtmlAsync("/");

        Assert.Equal(("aucune", true), DirectoryCell(html, "23"));
        Assert.Equal(("6", false), DirectoryCell(html, "69"));
        Assert.Equal(("1", false), DirectoryCell(html, "59"));
        Assert.Equal(("2", false), DirectoryCell(html, "11"));
        Assert.Equal(88, DirectoryRow().Matches(html).Count(m => m.Groups["class"].Value == "sans-local"));
        Assert.Contains("Structures locales</th>", html, StringComparison.Ordinal);
        Assert.Contains("Aucune structure locale recensée : les lignes nationales restent joignables.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_directory_states_the_national_structures_once_and_the_regional_ones_per_region()
    {
        var html = await GetHtmlAsync("/");

        Assert.Single(Regex.Matches(html, "13 structures nationales"));
        Assert.Matches(@"<strong>\+ 13 structures nationales</strong>\s+accessibles partout, qui ne sont pas ajoutées au compte de chaque département :", html);
        Assert.Equal("+ 1 structure régionale intervient dans la région.", RegionalLine(html, "Hauts-de-France"));
        Assert.Equal("+ 1 structure régionale intervient dans la région.", RegionalLine(html, "Bretagne"));
        Assert.Equal("Aucune structure régionale recensée dans la région.", RegionalLine(html, "Auvergne-Rhône-Alpes"));
    }

    [Fact]
    public async Task A_departement_with_only_national_structures_says_no_local_structure_is_recorded_and_gives_the_national_lines()
    {
        var html = await GetHtmlAsync("/departements/23");

        Assert.Contains("<strong>Aucune structure locale recensée</strong> dans ce département — les lignes nationales restent joignables.", html, StringComparison.Ordinal);
        Assert.Contains("S'y ajoutent 13 structures nationales, accessibles partout.", html, StringComparison.Ordinal);
        var lines = Regex.Matches(html, "<a class=\"ligne-numero\" href=\"(?<href>[^\"]+)\">").Select(m => m.Groups["href"].Value).ToList();
        // The national listening lines, in the directory's name order: 116 000, 3018, 3020, Allô Enfance en Danger, CFCV.
        Assert.Equal(["tel:116000", "tel:3018", "tel:3020", "tel:119", "tel:0805802804"], lines);
        Assert.Contains("href=\"sms:114\"", html, StringComparison.Ordinal);
        Assert.Contains("Aucune structure locale ou départementale, 13 structures régionales ou nationales", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_departement_with_local_structures_counts_them_confidential_shelters_included()
    {
        var html = await GetHtmlAsync("/departements/69");

        Assert.Contains("<strong>6 structures locales ou départementales interviennent</strong> dans ce département.", html, StringComparison.Ordinal);
        Assert.Contains("S'y ajoutent 13 structures nationales, accessibles partout.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Aucune structure locale recensée", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ligne-numero", html, StringComparison.Ordinal);
        Assert.Contains("6 structures locales ou départementales, 13 structures régionales ou nationales", html, StringComparison.Ordinal);
        Assert.Matches(@"<tr><th scope=""row"">Hébergement / mise à l'abri</th><td>3</td><td>2</td></tr>", html);
    }

    [Fact]
    public async Task A_departement_with_a_regional_structure_names_its_region_apart_from_the_local_count()
    {
        var html = await GetHtmlAsync("/departements/59");

        Assert.Contains("<strong>1 structure locale ou départementale intervient</strong> dans ce département.", html, StringComparison.Ordinal);
        Assert.Contains("S'y ajoutent 1 structure régionale, pour la région Hauts-de-France, et 13 structures nationales, accessibles partout.", html, StringComparison.Ordinal);
    }

    private static string RegionalLine(string html, string region)
    {
        var section = html[html.IndexOf($">{region}</h3>", StringComparison.Ordinal)..];
        var line = RegionalParagraph().Match(section);
        Assert.True(line.Success, $"No régional line under {region}.");
        return Regex.Replace(line.Groups["text"].Value, @"\s+", " ").Trim();
    }

    [GeneratedRegex(@"<a href=""/departements/(?<code>[0-9AB]+)"">[^<]*</a></th>\s*<td>[^<]*</td>\s*<td(?: class=""(?<class>[^""]+)"")?>(?<cell>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex DirectoryRow();

    [GeneratedRegex(@"<p class=""region-regionales"">(?<text>.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex RegionalParagraph();
}
