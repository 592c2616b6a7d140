using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Data;

namespace PareNetwork.Tests.Publications;

/// <summary>The resource centre (/ressources): the seeded items, each filter, the search, the item pages.</summary>
[Collection(PublicationsCollection.Name)]
public sealed class ResourceCentreTests(PublicationsApp app)
{
    [Fact]
    public async Task The_centre_lists_every_seeded_item_newest_publication_first()
    {
        var html = await app.HtmlAsync("/ressources");

        Assert.Contains("<p id=\"ressources-compte\" class=\"resultats-compte\">12 contenus</p>", html, StringComparison.Ordinal);
        // Seeded together: by their authors' dates (the baromètre, then the vademecum), then in the file's order.
        Assert.Equal(
            [Seeded.Barometre, Seeded.Vademecum, Seeded.Webinaire, Seeded.Noemie, Seeded.Cnape, Seeded.Cravs, Seeded.IlotPartenaires,
             Seeded.Boussole, Seeded.IlotNews, Seeded.Mist, Seeded.Livre, Seeded.M2pf],
            PublicationsApp.ListedTitles(html, "ressources-liste"));
    }

    [Fact]
    public async Task Every_seeded_row_is_a_published_item_with_its_seed_file_as_source()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var items = await db.Contributions.AsNoTracking().Where(c => c.Source != null && c.Source.StartsWith("seed:")).ToListAsync();

        Assert.Equal(12, items.Count);
        Assert.All(items, i => Assert.Equal(ContributionStatus.Publiee, i.Status));
        Assert.Equal((5, 3, 4), (items.Count(i => i.Kind == ContributionKind.Evenement), items.Count(i => i.Kind == ContributionKind.Actualite), items.Count(i => i.Kind == ContributionKind.Ressource)));
        Assert.Equal("seed:001_4179829d7324f70d.txt", items.Single(i => i.Title == Seeded.Vademecum).Source);
        var webinaire = items.Single(i => i.Title == Seeded.Webinaire);
        Assert.Equal((new DateTime(2023, 11, 14, 13, 30, 0, DateTimeKind.Utc), new DateTime(2023, 11, 14, 15, 30, 0, DateTimeKind.Utc)), (webinaire.StartsAt, webinaire.EndsAt));
        Assert.Equal(12, await db.SeedKeys.CountAsync(k => k.Key.StartsWith("contribution:")));
    }

    public static TheoryData<string, string[]> Filters => new()
    {
        { "type=evenement", Seeded.Events },
        { "type=actualite", Seeded.News },
        { "type=ressource", Seeded.Resources },
        { "type=livre", [Seeded.Livre] },
        { "type=vademecum", [Seeded.Vademecum] },
        { "theme=fugue", [Seeded.Vademecum, Seeded.M2pf] },
        { "theme=numerique", [Seeded.Cnape, Seeded.Cravs, Seeded.Barometre] },
        { "region=44", [Seeded.Noemie] },
        { "region=84", [Seeded.IlotPartenaires, Seeded.IlotNews] },
        { "departement=59", [Seeded.Boussole] },
        { "departement=2a", [] },
        { "public=parents", [Seeded.Boussole, Seeded.Livre, Seeded.Barometre] },
        { "public=jeunes", [Seeded.Boussole, Seeded.Mist] },
        { "public=professionnels", [Seeded.Webinaire, Seeded.Cnape, Seeded.Cravs, Seeded.IlotPartenaires, Seeded.Boussole, Seeded.IlotNews, Seeded.Mist, Seeded.Barometre, Seeded.Vademecum] },
        { "annee=2022", [Seeded.Vademecum] },
        { "annee=2023", [.. Seeded.Events, Seeded.Barometre] },
        { "q=ARTEGE", [Seeded.Livre] },
        { "q=apprentis%20auteuil", [Seeded.Barometre] },
        { "q=Enfants-Retour", [Seeded.Webinaire] },
        { "q=%C3%A9ditions", [Seeded.Livre] },
        { "q=gendarmes", [Seeded.M2pf] },
        { "q=Ilot", [Seeded.IlotPartenaires, Seeded.IlotNews] },
        { "q=introuvable", [] },
        { "type=ressource&theme=fugue&departement=33", [Seeded.M2pf] },
        { "type=evenement&annee=2022", [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_and_the_search_return_exactly_the_expected_items(string query, string[] expected)
    {
        var html = await app.HtmlAsync("/ressources?" + query);

        Assert.Equal(expected.Order(StringComparer.Ordinal), PublicationsApp.ListedTitles(html, "ressources-liste").Order(StringComparer.Ordinal));
        Assert.Contains($"class=\"resultats-compte\">{(expected.Length == 0 ? "Aucun contenu" : expected.Length == 1 ? "1 contenu" : $"{expected.Length} contenus")}</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_keeps_the_chosen_values_and_the_criteria_are_spelled_out()
    {
        var html = await app.HtmlAsync("/ressources?type=ressource&theme=fugue&region=75&public=professionnels&annee=2022&q=mineurs");

        Assert.Contains("<option value=\"ressource\" selected=\"selected\">Ressources</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"fugue\" selected=\"selected\">fugue</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2022\" selected=\"selected\">2022</option>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"mineurs\"", html, StringComparison.Ordinal);
        Assert.Contains("<li>Région : Nouvelle-Aquitaine</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Public : Professionnels</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type=podcasts", "type", "Type « podcasts » inconnu : ce filtre a été ignoré.")]
    [InlineData("theme=astronomie", "theme", "Thème « astronomie » inconnu : ce filtre a été ignoré.")]
    [InlineData("departement=00", "departement", "Département « 00 » inconnu : ce filtre a été ignoré.")]
    [InlineData("annee=deux-mille", "annee", "Année « deux-mille » illisible (quatre chiffres, par exemple 2023) : ce filtre a été ignoré.")]
    public async Task An_unknown_filter_value_is_ignored_with_a_french_message_beside_its_field(string query, string field, string message)
    {
        var html = await app.HtmlAsync("/ressources?" + query);

        Assert.Contains($"<p id=\"ressources-{field}-erreur\" class=\"erreur-champ\">{message}</p>", html, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"ressources-{field}-erreur\"", html, StringComparison.Ordinal);
        Assert.Equal(12, PublicationsApp.ListedTitles(html, "ressources-liste").Count);
    }

    [Fact]
    public async Task A_resource_page_shows_its_fields_and_its_canonical_address()
    {
        var (id, url) = await app.ItemAsync(Seeded.Barometre);
        Assert.Equal($"/ressources/{id}/barometre-de-l-education-la-vie-affective-des-16-20-ans", url);

        var html = await app.HtmlAsync(url);

        Assert.Contains("<h1>Baromètre de l'éducation : la vie affective des 16-20 ans</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Apprentis d'Auteuil</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>le 12 octobre 2023</dd>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/barometre\" rel=\"noopener noreferrer\">Consulter la ressource", html, StringComparison.Ordinal);
        // No file was attached: no download link.
        Assert.DoesNotContain("/fichier", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Réseau PARÉ – actualités et ressources\" href=\"/ressources.atom\" />", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"text/calendar\" title=\"Agenda du réseau PARÉ\" href=\"/agenda.ics\" />", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resource_with_an_attached_file_links_to_it()
    {
        int id;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var item = new Contribution
            {
                Kind = ContributionKind.Ressource,
                Status = ContributionStatus.Publiee,
                Title = "Guide avec pièce jointe",
                ResourceKind = "guide",
                FileName = "0f3a.pdf",
                FileOriginalName = "guide.pdf",
                FileContentType = "application/pdf",
                FileSize = 204_800,
                SubmittedAt = PublicationsApp.Now.UtcDateTime,
            };
            db.Contributions.Add(item);
            await db.SaveChangesAsync();
            id = item.Id;
        }
        try
        {
            var html = await app.HtmlAsync($"/ressources/{id}/guide-avec-piece-jointe");

            Assert.Contains($"<a class=\"bouton bouton-secondaire\" href=\"/contributions/{id}/fichier\">Télécharger le document « guide.pdf » (200 Ko)</a>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("0f3a.pdf", html, StringComparison.Ordinal);
        }
        finally
        {
            await using var scope = app.App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            db.Contributions.Remove(await db.Contributions.SingleAsync(c => c.Id == id));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task A_wrong_slug_redirects_to_the_canonical_page_and_an_event_lives_in_the_agenda()
    {
        var (id, url) = await app.ItemAsync(Seeded.Livre);
        var (eventId, eventUrl) = await app.ItemAsync(Seeded.Cnape);

        using var wrong = await app.Client.GetAsync(new Uri($"/ressources/{id}/ancien-titre", UriKind.Relative));
        using var noSlug = await app.Client.GetAsync(new Uri($"/ressources/{id}", UriKind.Relative));
        using var eventHere = await app.Client.GetAsync(new Uri($"/ressources/{eventId}", UriKind.Relative));
        using var missing = await app.Client.GetAsync(new Uri("/ressources/999999/rien", UriKind.Relative));

        Assert.Equal((HttpStatusCode.MovedPermanently, url), (wrong.StatusCode, wrong.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.MovedPermanently, url), (noSlug.StatusCode, noSlug.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.MovedPermanently, eventUrl), (eventHere.StatusCode, eventHere.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_centre_is_paged_by_twenty()
    {
        var added = new List<int>();
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var items = Enumerable.Range(1, 10).Select(n => new Contribution
            {
                Kind = ContributionKind.Actualite,
                Status = ContributionStatus.Publiee,
                Title = $"Actualité de pagination {n}",
                SubmittedAt = DateTime.UtcNow.AddMinutes(n),
            }).ToList();
            db.Contributions.AddRange(items);
            await db.SaveChangesAsync();
            added.AddRange(items.Select(i => i.Id));
        }
        try
        {
            var first = await app.HtmlAsync("/ressources");
            var second = await app.HtmlAsync("/ressources?page=2");

            Assert.Contains("22 contenus – page 1 sur 2", first, StringComparison.Ordinal);
            Assert.Equal(20, PublicationsApp.ListedTitles(first, "ressources-liste").Count);
            Assert.Equal("Actualité de pagination 10", PublicationsApp.ListedTitles(first, "ressources-liste")[0]);
            Assert.Contains("<a href=\"/ressources?page=2\" rel=\"next\">Page suivante</a>", first, StringComparison.Ordinal);
            Assert.Equal([Seeded.Livre, Seeded.M2pf], PublicationsApp.ListedTitles(second, "ressources-liste"));
        }
        finally
        {
            await using var scope = app.App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            db.Contributions.RemoveRange(await db.Contributions.Where(c => added.Contains(c.Id)).ToListAsync());
            await db.SaveChangesAsync();
        }
    }
}
