using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;

namespace PareNetwork.Tests.Pages;

/// <summary>Every error a person or a program can meet is in French, and a page always offers a way back.</summary>
[Collection(SeededAppCollection.Name)]
public class ErrorPagesTests(SeededApp app)
{
    [Fact]
    public async Task Opening_the_error_page_directly_is_a_page_not_found()
    {
        using var response = await app.Client.GetAsync(new Uri("/Error", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page introuvable</h1>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">Retour à la carte</a>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/nope", 404, "Ressource introuvable")]
    [InlineData("/api/structures/nearby/plus-loin", 404, "Ressource introuvable")]
    public async Task Unknown_api_routes_get_a_french_problem_document(string url, int status, string title)
    {
        using var response = await app.Client.GetAsync(new Uri(url, UriKind.Relative));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, doc.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("Aucune ressource ne correspond", doc.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_to_a_read_only_api_gets_a_french_405()
    {
        using var response = await app.Client.PostAsync(new Uri("/api/structures", UriKind.Relative), new StringContent("{}"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("Méthode non autorisée", doc.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Validation_problems_keep_their_french_title()
    {
        using var response = await app.Client.GetAsync(new Uri("/api/structures?action=teleportation", UriKind.Relative));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("Filtre invalide", doc.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_server_error_page_says_how_to_reach_the_coordination_and_leads_back_to_the_map()
    {
        using var factory = app.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Pare:Coordination:Email", "contact-reseau@example.org");
            builder.ConfigureTestServices(services => services.Configure<MvcOptions>(o => o.Filters.Add(new FailingFilter())));
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/liste?panne=1", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<h1>Une erreur est survenue</h1>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:contact-reseau@example.org\">contact-reseau@example.org</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://www.droitdenfance.org/\" rel=\"noopener noreferrer\">droitdenfance.org</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">Retour à la carte</a>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("panne simulée", body, StringComparison.Ordinal);
    }

    private sealed class FailingFilter : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            if (context.HttpContext.Request.Path == "/liste" && context.HttpContext.Request.Query.ContainsKey("panne"))
            {
                throw new InvalidOperationException("panne simulée");
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}
