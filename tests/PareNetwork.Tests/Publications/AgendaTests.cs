using System.Net;
using Ical.Net;
using PareNetwork.Web.Publications;

namespace PareNetwork.Tests.Publications;

/// <summary>The agenda: upcoming and past events by the app's clock, their pages, their iCalendar.</summary>
[Collection(PublicationsCollection.Name)]
public sealed class AgendaTests(PublicationsApp app)
{
    [Fact]
    public async Task On_20_november_2023_the_agenda_shows_what_is_to_come_and_the_archive_what_is_over()
    {
        var upcoming = await app.HtmlAsync("/agenda");
        var past = await app.HtmlAsync("/agenda/archives");

        Assert.Equal([Seeded.Cnape, Seeded.Cravs, Seeded.IlotPartenaires], PublicationsApp.ListedTitles(upcoming, "agenda-liste"));
        Assert.Contains("<p id=\"agenda-compte\" class=\"resultats-compte\">3 événements à venir</p>", upcoming, StringComparison.Ordinal);
        Assert.Equal([Seeded.Webinaire, Seeded.Noemie], PublicationsApp.ListedTitles(past, "agenda-liste"));
        Assert.Contains("<p id=\"agenda-compte\" class=\"resultats-compte\">2 événements passés</p>", past, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/agenda/archives\" aria-current=\"page\">Événements passés</a>", past, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_given_by_days_moves_to_the_archive_at_midnight_in_paris_after_its_last_day()
    {
        try
        {
            // 23 November 2023, 23:59 in Paris: the colloquium's last day is not over.
            app.Time.AdjustTime(new DateTimeOffset(2023, 11, 23, 22, 59, 0, TimeSpan.Zero));
            Assert.Equal([Seeded.Cnape, Seeded.Cravs, Seeded.IlotPartenaires], PublicationsApp.ListedTitles(await app.HtmlAsync("/agenda"), "agenda-liste"));

            // Midnight in Paris: it is, and the cached agenda does not hide it.
            app.Time.AdjustTime(new DateTimeOffset(2023, 11, 23, 23, 0, 0, TimeSpan.Zero));
            Assert.Equal([Seeded.Cravs, Seeded.IlotPartenaires], PublicationsApp.ListedTitles(await app.HtmlAsync("/agenda"), "agenda-liste"));
            Assert.Equal([Seeded.Cnape, Seeded.Webinaire, Seeded.Noemie], PublicationsApp.ListedTitles(await app.HtmlAsync("/agenda/archives"), "agenda-liste"));
        }
        finally
        {
            app.Time.AdjustTime(PublicationsApp.Now);
        }
    }

    [Theory]
    [InlineData("region=53", new[] { Seeded.Cravs })]
    [InlineData("departement=69", new[] { Seeded.IlotPartenaires })]
    [InlineData("departement=68", new string[0])]
    public async Task The_agenda_filters_by_territory(string query, string[] expected)
    {
        var html = await app.HtmlAsync("/agenda?" + query);

        Assert.Equal(expected, PublicationsApp.ListedTitles(html, "agenda-liste"));
        Assert.Contains($"<a href=\"/agenda/archives?{query}\">Événements passés</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Seeded.Webinaire, "Le 14 novembre 2023 de 14 h 30 à 16 h 30", "En visio sur Teams (en ligne)")]
    [InlineData(Seeded.Noemie, "Le 24 octobre 2023 à 20 h", "Cinéma le Palace à Mulhouse")]
    [InlineData(Seeded.Cnape, "Du 22 au 23 novembre 2023", "Paris")]
    [InlineData(Seeded.Cravs, "Le 1er décembre 2023", "Faculté de médecine de Rennes")]
    public async Task An_event_page_says_when_in_paris_time_and_where(string title, string when, string where)
    {
        var (id, url) = await app.ItemAsync(title);

        var html = await app.HtmlAsync(url);

        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"evenement-date\">{when}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"evenement-lieu\">{where}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/agenda/{id}.ics\" type=\"text/calendar\" download>Ajouter à mon agenda (fichier .ics)</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_past_event_offers_no_registration_and_an_upcoming_one_does()
    {
        var (_, webinaire) = await app.ItemAsync(Seeded.Webinaire);
        try
        {
            Assert.DoesNotContain("S'inscrire", await app.HtmlAsync(webinaire), StringComparison.Ordinal);
            app.Time.AdjustTime(new DateTimeOffset(2023, 11, 1, 8, 0, 0, TimeSpan.Zero));
            Assert.Contains("<a class=\"bouton\" href=\"https://example.org/inscription-webinaire\" rel=\"noopener noreferrer\">S'inscrire", await app.HtmlAsync(webinaire), StringComparison.Ordinal);
        }
        finally
        {
            app.Time.AdjustTime(PublicationsApp.Now);
        }
    }

    [Fact]
    public async Task The_agenda_feed_parses_as_icalendar_with_every_event_at_its_paris_time()
    {
        using var response = await app.Client.GetAsync(new Uri("/agenda.ics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5, calendar.Events.Count);
        Assert.Equal("Europe/Paris", Assert.Single(calendar.TimeZones).TzId);
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var (id, url) = await app.ItemAsync(Seeded.Webinaire);
        var webinaire = calendar.Events.Single(e => e.Summary == Seeded.Webinaire);
        Assert.Equal($"contribution-{id}@reseau-pare", webinaire.Uid);
        Assert.Equal(("Europe/Paris", new DateTime(2023, 11, 14, 14, 30, 0)), (webinaire.DtStart!.TzId, webinaire.DtStart.Value));
        Assert.Equal(new DateTime(2023, 11, 14, 13, 30, 0, DateTimeKind.Utc), webinaire.DtStart.AsUtc);
        Assert.Equal(new DateTime(2023, 11, 14, 15, 30, 0, DateTimeKind.Utc), webinaire.DtEnd!.AsUtc);
        Assert.Equal("En visio sur Teams", webinaire.Location);
        Assert.Equal(new Uri("https://localhost" + url), webinaire.Url);
        Assert.Contains("Organisation : Fondation Droit d'Enfance", webinaire.Description, StringComparison.Ordinal);
        Assert.Contains("Inscription : https://example.org/inscription-webinaire", webinaire.Description, StringComparison.Ordinal);

        var cnape = calendar.Events.Single(e => e.Summary == Seeded.Cnape);
        Assert.True(cnape.IsAllDay);
        Assert.Equal((new DateOnly(2023, 11, 22), new DateOnly(2023, 11, 24)), (cnape.DtStart!.Date, cnape.DtEnd!.Date));
        Assert.Equal(["prévention spécialisée", "numérique"], cnape.Categories);

        var noemie = calendar.Events.Single(e => e.Summary == Seeded.Noemie);
        Assert.Equal(new DateTime(2023, 10, 24, 18, 0, 0, DateTimeKind.Utc), noemie.DtStart!.AsUtc);
        Assert.Null(noemie.DtEnd);
    }

    [Fact]
    public async Task One_event_is_its_own_ics_file_and_an_item_that_is_not_an_event_has_none()
    {
        var (id, _) = await app.ItemAsync(Seeded.Cravs);
        var (newsId, _) = await app.ItemAsync(Seeded.Boussole);

        using var response = await app.Client.GetAsync(new Uri($"/agenda/{id}.ics", UriKind.Relative));
        using var news = await app.Client.GetAsync(new Uri($"/agenda/{newsId}.ics", UriKind.Relative));
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith($"attachment; filename=\"evenement-{id}-colloque-les-adolescents", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        var single = Assert.Single(calendar.Events);
        Assert.Equal((Seeded.Cravs, "Faculté de médecine de Rennes", new DateOnly(2023, 12, 1)), (single.Summary, single.Location, single.DtStart!.Date));
        Assert.Empty(calendar.TimeZones);
        Assert.Equal(HttpStatusCode.NotFound, news.StatusCode);
    }

    [Fact]
    public async Task The_feeds_answer_304_to_a_current_copy()
    {
        using var first = await app.Client.GetAsync(new Uri("/agenda.ics", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/agenda.ics");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("2026-03-12 14:00", "2026-03-12 16:00", "le 12 mars 2026 de 14 h à 16 h")]
    [InlineData("2026-03-12 09:30", null, "le 12 mars 2026 à 9 h 30")]
    [InlineData("2026-03-01", null, "le 1er mars 2026")]
    [InlineData("2026-03-01", "2026-03-03", "du 1er au 2 mars 2026")]
    [InlineData("2026-03-30", "2026-04-03", "du 30 mars au 2 avril 2026")]
    [InlineData("2025-12-30", "2026-01-03", "du 30 décembre 2025 au 2 janvier 2026")]
    [InlineData("2026-03-28 18:00", "2026-03-29 10:00", "du 28 mars 2026 à 18 h au 29 mars 2026 à 10 h")]
    [InlineData(null, null, "date à préciser")]
    public void A_schedule_reads_in_french_in_paris_time(string? start, string? end, string expected)
    {
        static DateTime? Utc(string? paris) => paris is null ? null
            : TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(paris, paris.Length == 10 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

        Assert.Equal(expected, new EventSchedule(Utc(start), Utc(end)).Describe());
    }
}
