using System.Text;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Api;

namespace PareNetwork.Web.Publications;

/// <summary>The agenda as iCalendar (whole and per event) and the Atom feed of news and resources.</summary>
public static class PublicationEndpoints
{
    public const string AgendaFeedPath = "/agenda.ics";

    public const string AtomFeedPath = "/ressources.atom";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(AgendaFeedPath, async (HttpContext context, PublicationCatalog catalog, IConfiguration configuration) =>
        {
            var snapshot = await catalog.GetAsync();
            if (HttpCaching.IsNotModified(context, "agenda-" + snapshot.Version))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            var body = AgendaCalendar.Write(snapshot.Events, AccountMails.BaseUrl(context.Request, configuration), "Agenda du réseau PARÉ");
            return Results.Text(body, AgendaCalendar.ContentType, Encoding.UTF8);
        }).CacheOutput(PublicationCaching.PolicyName);

        app.MapGet("/agenda/{id:int}.ics", async (int id, HttpContext context, PublicationCatalog catalog, IConfiguration configuration) =>
        {
            var snapshot = await catalog.GetAsync();
            if (!snapshot.ById.TryGetValue(id, out var item) || !item.IsEvent || !item.Schedule.IsKnown)
            {
                return Results.NotFound();
            }
            if (HttpCaching.IsNotModified(context, $"evenement-{id}-{snapshot.Version}"))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"evenement-{id}-{item.Slug}.ics\"";
            var body = AgendaCalendar.Write([item], AccountMails.BaseUrl(context.Request, configuration), item.Title);
            return Results.Text(body, AgendaCalendar.ContentType, Encoding.UTF8);
        }).CacheOutput(PublicationCaching.PolicyName);

        app.MapGet(AtomFeedPath, async (HttpContext context, PublicationCatalog catalog, IConfiguration configuration) =>
        {
            var snapshot = await catalog.GetAsync();
            if (HttpCaching.IsNotModified(context, "atom-" + snapshot.Version))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            var body = PublicationFeed.Write(snapshot.Items, AccountMails.BaseUrl(context.Request, configuration), AtomFeedPath);
            return Results.Bytes(body, PublicationFeed.ContentType);
        }).CacheOutput(PublicationCaching.PolicyName);
    }
}
