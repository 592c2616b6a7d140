using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Newsletter;

/// <summary>
/// The List-Unsubscribe URL of the newsletter's e-mails (RFC 8058). A mail client's one-click unsubscribe POSTs
/// <c>List-Unsubscribe=One-Click</c> to it from its own servers, with no cookie and no antiforgery token: that is why it
/// is a minimal API endpoint, outside the Razor Pages' antiforgery filter and outside the per-IP limit of the public
/// forms (one provider's servers post for all its users). What protects it is the signed token in its URL: only the
/// holder of the e-mail can unsubscribe that address, and a forged cross-site POST without the token does nothing —
/// so antiforgery would add nothing here. A GET (a person, or a scanner, opening the URL) changes nothing and leads
/// to the page with the confirmation button.
/// </summary>
public static class OneClickUnsubscribe
{
    public static IEndpointRouteBuilder MapOneClickUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapPost(NewsletterMails.OneClickPath, PostAsync);
        app.MapGet(NewsletterMails.OneClickPath, (string? jeton) =>
            Results.Redirect($"{NewsletterMails.UnsubscribePath}?jeton={Uri.EscapeDataString(jeton ?? "")}"));
        return app;
    }

    private static async Task<IResult> PostAsync(HttpRequest request, PareDbContext db, NewsletterSecret secret, TimeProvider time, CancellationToken ct)
    {
        if (secret.ReadUnsubscribeToken(request.Query["jeton"]) is not { } id)
        {
            return Results.Text("Ce lien de désinscription n'est pas valable.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        if (form is null || form["List-Unsubscribe"].ToString() != "One-Click")
        {
            return Results.Text("Requête de désinscription en un clic attendue (List-Unsubscribe=One-Click).", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        if (await db.NewsletterSubscribers.SingleOrDefaultAsync(s => s.Id == id, ct) is { } subscriber)
        {
            subscriber.Unsubscribe(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
        // An address already erased is not subscribed either: the same answer.
        return Results.Text("Vous êtes désinscrit(e) de la newsletter du réseau PARÉ.", "text/plain; charset=utf-8");
    }
}
