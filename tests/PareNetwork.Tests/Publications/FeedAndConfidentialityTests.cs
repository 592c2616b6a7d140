using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Data;

namespace PareNetwork.Tests.Publications;

/// <summary>
/// The Atom feed; a confidential structure's address, commune and point reaching none of the public surfaces of its
/// items; unpublished items never shown; publishing one shows it at once although the pages are output-cached.
/// </summary>
[Collection(PublicationsCollection.Name)]
public sealed class FeedAndConfidentialityTests(PublicationsApp app)
{
    private static readonly string[] Secrets =
    [
        "Glycines", PublicationsApp.SecretCommune, PublicationsApp.SecretCommuneCode,
        "45.77", "45,77", "4.88", "4,88", "45.771944", "4.889722",
    ];

    [Fact]
    public async Task The_atom_feed_parses_and_holds_every_news_item_and_resource()
    {
        using var response = await app.Client.GetAsync(new Uri("/ressources.atom", UriKind.Relative));
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Réseau PARÉ – actualités et ressources", feed.Title.Text);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri == new Uri("https://localhost/ressources.atom"));
        Assert.Equal(Seeded.News.Concat(Seeded.Resources).Order(StringComparer.Ordinal), feed.Items.Select(i => i.Title.Text).Order(StringComparer.Ordinal));

        var (_, url) = await app.ItemAsync(Seeded.Barometre);
        var barometre = feed.Items.Single(i => i.Title.Text == Seeded.Barometre);
        Assert.Equal("https://localhost" + url, barometre.Id);
        Assert.Equal(new Uri("https://localhost" + url), Assert.Single(barometre.Links).Uri);
        Assert.Equal("Apprentis d'Auteuil", Assert.Single(barometre.Authors).Name);
        Assert.Equal(new DateTimeOffset(2023, 10, 12, 0, 0, 0, TimeSpan.Zero), barometre.PublishDate);
        Assert.Equal(["Enquête", "vie affective et sexuelle", "numérique"], barometre.Categories.Select(c => c.Name));
        Assert.Equal("Sondage sur la vie affective, relationnelle et sexuelle des jeunes.", barometre.Summary.Text);
        Assert.Equal("Sondage sur la vie affective, relationnelle et sexuelle des jeunes.", ((TextSyndicationContent)barometre.Content).Text);
        var ilot = feed.Items.Single(i => i.Title.Text == Seeded.IlotNews);
        Assert.Equal("Un service pour six adolescentes en situation de grande vulnérabilité.\n\nStructure : L'Ilot\n\nTerritoire : Rhône", ((TextSyndicationContent)ilot.Content).Text);
    }

    [Fact]
    public async Task An_event_tied_to_a_confidential_structure_names_it_but_tells_nothing_of_where_it_is()
    {
        var (id, url) = await app.ItemAsync(Seeded.IlotPartenaires);
        var (newsId, newsUrl) = await app.ItemAsync(Seeded.IlotNews);
        var surfaces = new Dictionary<string, string>
        {
            [url] = await app.HtmlAsync(url),
            [newsUrl] = await app.HtmlAsync(newsUrl),
            [$"/agenda/{id}.ics"] = await app.TextAsync($"/agenda/{id}.ics"),
            ["/agenda.ics"] = await app.TextAsync("/agenda.ics"),
            ["/ressources.atom"] = WebUtility.HtmlDecode(await app.TextAsync("/ressources.atom")),
            ["/ressources?q=ilot"] = await app.HtmlAsync("/ressources?q=ilot"),
            ["/agenda?departement=69"] = await app.HtmlAsync("/agenda?departement=69"),
        };

        foreach (var (surface, body) in surfaces)
        {
            Assert.Contains("L'Ilot", body, StringComparison.Ordinal);
            foreach (var secret in Secrets)
            {
                Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{surface} holds « {secret} »");
            }
        }
        // The event's own place is shown as given; there is no GEO at all.
        Assert.Contains("<dd id=\"evenement-lieu\">Hôtel de la Métropole de Lyon</dd>", surfaces[url], StringComparison.Ordinal);
        var single = Assert.Single(Ical.Net.Calendar.Load(surfaces[$"/agenda/{id}.ics"])!.Events);
        Assert.Equal("Hôtel de la Métropole de Lyon", single.Location);
        Assert.Null(single.GeographicLocation);
        Assert.DoesNotContain("GEO:", surfaces["/agenda.ics"], StringComparison.Ordinal);
        Assert.Contains("<a href=\"/structures/", surfaces[newsUrl], StringComparison.Ordinal);
        Assert.True(newsId > 0);
    }

    [Theory]
    [InlineData("Glycines")]
    [InlineData("impasse des glycines")]
    [InlineData("Villeurbanne")]
    [InlineData("villeurbanne")]
    [InlineData("69266")]
    public async Task Searching_the_shelters_street_or_commune_finds_nothing(string query)
    {
        var html = await app.HtmlAsync("/ressources?q=" + Uri.EscapeDataString(query));

        Assert.Empty(PublicationsApp.ListedTitles(html, "ressources-liste"));
        Assert.Contains("class=\"resultats-compte\">Aucun contenu</p>", html, StringComparison.Ordinal);
    }

    /// <summary>The control of the tests above: a structure that is not confidential does show its commune on its items.</summary>
    [Fact]
    public async Task An_item_of_a_structure_that_is_not_confidential_shows_its_commune()
    {
        var (_, url) = await app.ItemAsync(Seeded.Boussole);

        var html = await app.HtmlAsync(url);

        Assert.Contains("La Boussole (Nord) – Point écoute départemental (AGSS de l'UDAF)</a> (Lille)</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublished_items_appear_nowhere()
    {
        var ids = new List<int>();
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var pending = new Contribution { Kind = ContributionKind.Evenement, Title = "Brouillon en attente", StartsAt = new DateTime(2023, 12, 20, 9, 0, 0, DateTimeKind.Utc), SubmittedAt = DateTime.UtcNow };
            var refused = new Contribution { Kind = ContributionKind.Ressource, Title = "Ressource refusée", SubmittedAt = DateTime.UtcNow };
            var duplicate = new Contribution { Kind = ContributionKind.Actualite, Title = "Actualité en double", SubmittedAt = DateTime.UtcNow };
            db.Contributions.AddRange(pending, refused, duplicate);
            await db.SaveChangesAsync();
            refused.Refuse(DateTime.UtcNow, "compte TEST01", "Hors sujet.");
            duplicate.MarkDuplicateOf((await db.Contributions.FirstAsync(c => c.Title == Seeded.Mist)).Id, DateTime.UtcNow, "compte TEST01");
            await db.SaveChangesAsync();
            ids.AddRange([pending.Id, refused.Id, duplicate.Id]);
        }
        try
        {
            foreach (var url in new[] { "/ressources", "/ressources?q=brouillon", "/agenda", "/agenda/archives", "/agenda.ics", "/ressources.atom" })
            {
                var body = await app.TextAsync(url);
                foreach (var title in new[] { "Brouillon en attente", "Ressource refusée", "Actualité en double" })
                {
                    Assert.DoesNotContain(title, body, StringComparison.Ordinal);
                }
            }
            foreach (var id in ids)
            {
                using var page = await app.Client.GetAsync(new Uri($"/ressources/{id.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative));
                using var eventPage = await app.Client.GetAsync(new Uri($"/agenda/{id.ToString(CultureInfo.InvariantCulture)}", UriKind.Relative));
                using var ics = await app.Client.GetAsync(new Uri($"/agenda/{id.ToString(CultureInfo.InvariantCulture)}.ics", UriKind.Relative));
                Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, eventPage.StatusCode, ics.StatusCode));
            }
        }
        finally
        {
            await RemoveAsync(ids);
        }
    }

    [Fact]
    public async Task Publishing_an_item_shows_it_at_once_on_the_cached_pages_and_feeds()
    {
        const string Title = "Journée d'étude sur le repérage à Strasbourg";
        var urls = new[] { "/ressources", "/ressources?type=evenement", "/agenda", "/agenda.ics", "/agenda?departement=67" };
        foreach (var url in urls)
        {
            // Twice: the second answer comes from the output cache.
            Assert.DoesNotContain(Title, await app.TextAsync(url), StringComparison.Ordinal);
            Assert.DoesNotContain(Title, await app.TextAsync(url), StringComparison.Ordinal);
        }
        int id;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var item = new Contribution
            {
                Kind = ContributionKind.Evenement,
                Title = Title,
                StartsAt = new DateTime(2023, 12, 12, 13, 0, 0, DateTimeKind.Utc),
                EndsAt = new DateTime(2023, 12, 12, 16, 0, 0, DateTimeKind.Utc),
                Place = "Strasbourg",
                DepartementCodes = ["67"],
                SubmittedAt = DateTime.UtcNow,
            };
            db.Contributions.Add(item);
            await db.SaveChangesAsync();
            id = item.Id;
            Assert.DoesNotContain(Title, await app.TextAsync("/agenda"), StringComparison.Ordinal);

            item.Publish(DateTime.UtcNow, "compte TEST01");
            await db.SaveChangesAsync();
        }
        try
        {
            foreach (var url in urls)
            {
                Assert.Contains(Title, WebUtility.HtmlDecode(await app.TextAsync(url)), StringComparison.Ordinal);
            }
            Assert.Contains("<dd id=\"evenement-date\">Le 12 décembre 2023 de 14 h à 17 h</dd>", await app.HtmlAsync($"/agenda/{id}/journee-d-etude-sur-le-reperage-a-strasbourg"), StringComparison.Ordinal);
        }
        finally
        {
            await RemoveAsync([id]);
        }
        // Deleting it is a change too.
        Assert.DoesNotContain(Title, await app.TextAsync("/agenda"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A page asked while the transaction is still open is built from the committed data and cached; the commit, not
    /// the save, is what evicts it — else the page would keep the old title after the commit.
    /// </summary>
    [Fact]
    public async Task A_change_saved_in_a_transaction_shows_once_the_transaction_commits()
    {
        const string Corrected = "La MIST : un pôle ressources (titre corrigé)";
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var mist = await db.Contributions.SingleAsync(c => c.Title == Seeded.Mist);
        try
        {
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                mist.Title = Corrected;
                await db.SaveChangesAsync();
                Assert.DoesNotContain(Corrected, await app.HtmlAsync("/ressources"), StringComparison.Ordinal);
                await transaction.CommitAsync();
            }
            Assert.Contains(Corrected, await app.HtmlAsync("/ressources"), StringComparison.Ordinal);
        }
        finally
        {
            mist.Title = Seeded.Mist;
            await db.SaveChangesAsync();
        }
        Assert.Contains(Seeded.Mist, await app.HtmlAsync("/ressources"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_a_published_text_leave_the_feeds_readable()
    {
        var ids = new List<int>();
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var text = "Ligne\0 une\u0007\r\nligne \u001Bdeux";
            var resource = new Contribution { Kind = ContributionKind.Ressource, Status = ContributionStatus.Publiee, Title = "Guide\u0001 abîmé", Text = text, SubmittedAt = DateTime.UtcNow };
            var meeting = new Contribution { Kind = ContributionKind.Evenement, Status = ContributionStatus.Publiee, Title = "Réunion\u0001 abîmée", Text = text, StartsAt = new DateTime(2023, 12, 20, 9, 0, 0, DateTimeKind.Utc), SubmittedAt = DateTime.UtcNow };
            db.Contributions.AddRange(resource, meeting);
            await db.SaveChangesAsync();
            ids.AddRange([resource.Id, meeting.Id]);
        }
        try
        {
            using var reader = XmlReader.Create(new StringReader(await app.TextAsync("/ressources.atom")));
            var entry = SyndicationFeed.Load(reader).Items.Single(i => i.Title.Text == "Guide abîmé");
            var calendarEvent = Ical.Net.Calendar.Load(await app.TextAsync("/agenda.ics"))!.Events.Single(e => e.Summary == "Réunion abîmée");

            Assert.Equal("Ligne une\nligne deux", ((TextSyndicationContent)entry.Content).Text);
            Assert.StartsWith("Ligne une\nligne deux", calendarEvent.Description, StringComparison.Ordinal);
        }
        finally
        {
            await RemoveAsync(ids);
        }
    }

    private async Task RemoveAsync(IReadOnlyList<int> ids)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        db.Contributions.RemoveRange(await db.Contributions.Where(c => ids.Contains(c.Id)).ToListAsync());
        await db.SaveChangesAsync();
    }
}
