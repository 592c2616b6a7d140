using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;

namespace PareNetwork.Tests.Publications;

/// <summary>
/// The test seed (tests/TestSeed/resources.csv: 5 events, 3 news items, 4 resources) on a clock stopped on
/// 20 November 2023 at 13:00 in Paris. L'Ilot, a confidential structure of the test seed, is given a street, a commune and
/// an exact point here, so that there is something to leak; La Boussole (Nord), not confidential, is given a commune,
/// which its items may show.
/// </summary>
public sealed partial class PublicationsApp : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2023, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public const string SecretStreet = "7 impasse des Glycines";
    public const string SecretCommune = "Villeurbanne";
    public const string SecretCommuneCode = "69266";
    public const double SecretLatitude = 45.771944;
    public const double SecretLongitude = 4.889722;

    public FakeTimeProvider Time { get; } = new(Now);

    public PareAppFactory Factory { get; } = new();

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time)));
        Client = Browsing.NewClient(App);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var ilot = await db.Structures.SingleAsync(s => s.ExternalKey == "l-ilot");
        Assert.True(ilot.IsConfidential);
        ilot.Address = SecretStreet;
        ilot.PlaceAt(await db.Communes.FindAsync(SecretCommuneCode), PareNetwork.Web.Data.GeoConstants.Point(SecretLatitude, SecretLongitude));
        var boussole = await db.Structures.SingleAsync(s => s.ExternalKey == "la-boussole-nord");
        boussole.PlaceAt(await db.Communes.FindAsync("59350"), null);
        await db.SaveChangesAsync();
    }

    public async Task<string> HtmlAsync(string url)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public async Task<string> TextAsync(string url)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The titles listed in a page's result list (#ressources-liste or #agenda-liste), in order.</summary>
    public static List<string> ListedTitles(string html, string listId)
    {
        var start = html.IndexOf($"id=\"{listId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no #{listId}");
        var end = html.IndexOf("</ol>", start, StringComparison.Ordinal);
        return [.. TitleLink().Matches(html[start..end]).Select(m => m.Groups["title"].Value)];
    }

    /// <summary>The id and URL of a seeded item, by title.</summary>
    public async Task<(int Id, string Url)> ItemAsync(string title)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<PareNetwork.Web.Publications.PublicationCatalog>();
        var item = (await catalog.GetAsync()).Items.Single(i => i.Title == title);
        return (item.Id, item.Url);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }

    [GeneratedRegex("class=\"publication-titre\"><a href=\"[^\"]+\">(?<title>[^<]+)</a>")]
    private static partial Regex TitleLink();
}

/// <summary>The titles of tests/TestSeed/resources.csv.</summary>
public static class Seeded
{
    public const string Webinaire = "Webinaire PARÉ : échange de pratiques France, Belgique et Québec";
    public const string Noemie = "Ciné-débat « Noémie dit oui » à Mulhouse";
    public const string Cnape = "Colloque annuel de la prévention spécialisée à Paris";
    public const string Cravs = "Colloque « Les adolescents, le numérique et la sexualité » à Rennes";
    public const string IlotPartenaires = "Rencontre des partenaires de L'Ilot";
    public const string Boussole = "Nord : ouverture du Point écoute départemental « La Boussole »";
    public const string IlotNews = "Rhône : inauguration de « L'Ilot »";
    public const string Mist = "La MIST : un pôle ressources pour les victimes de traite";
    public const string Livre = "« Violences sexuelles entre mineurs : agir, prévenir, guérir »";
    public const string Barometre = "Baromètre de l'éducation : la vie affective des 16-20 ans";
    public const string Vademecum = "Vademecum « Prostitution des mineurs et fugues »";
    public const string M2pf = "Comprendre et accompagner le mineur de retour de fugue";

    public static readonly string[] Events = [Webinaire, Noemie, Cnape, Cravs, IlotPartenaires];
    public static readonly string[] News = [Boussole, IlotNews, Mist];
    public static readonly string[] Resources = [Livre, Barometre, Vademecum, M2pf];
    public static readonly string[] All = [.. Events, .. News, .. Resources];
}

[CollectionDefinition(Name)]
public sealed class PublicationsCollection : ICollectionFixture<PublicationsApp>
{
    public const string Name = "Publications app";
}
