using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace PareNetwork.Web.Forms;

/// <summary>
/// What every public form shares against abuse: a per-IP limit on its submissions (GETs are never limited) answering
/// 429 with a French page, and a honeypot field (<see cref="Honeypot"/>). A page opts in with
/// <c>[EnableRateLimiting(PublicForms.RateLimitPolicy)]</c> on its model.
/// </summary>
public static class PublicForms
{
    public const string RateLimitPolicy = "formulaires-publics";

    public static void AddPolicy(RateLimiterOptions limiter, PublicFormsOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, ct) =>
        {
            var response = context.HttpContext.Response;
            response.Headers.RetryAfter = ((int)TimeSpan.FromMinutes(options.WindowMinutes).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("Trop d'envois depuis votre connexion en peu de temps. Réessayez dans quelques minutes ; ce que vous avez saisi n'a pas été enregistré.", ct);
        };
        limiter.AddPolicy(RateLimitPolicy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("lecture")
            : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "inconnue", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, options.PermitLimit),
                Window = TimeSpan.FromMinutes(Math.Max(1, options.WindowMinutes)),
                QueueLimit = 0,
            }));
    }
}

public sealed class PublicFormsOptions
{
    public const string Section = "Pare:Forms";

    /// <summary>Submissions allowed per IP address and window, all public forms together.</summary>
    public int PermitLimit { get; set; } = 10;

    public int WindowMinutes { get; set; } = 10;
}

/// <summary>
/// A field people never see nor fill (hidden by CSS, out of the tab order, no autofill): a submission that fills it
/// is a robot's, and is dropped silently — the robot is shown the same thanks as a person.
/// </summary>
public static class Honeypot
{
    public const string FieldName = "pare_hp_commentaire";

    public static bool IsTripped(HttpRequest request) =>
        request.HasFormContentType && !string.IsNullOrWhiteSpace(request.Form[FieldName]);

    /// <summary>The same rule for a form read as a stream (the contribution form's uploads), given the field's value.</summary>
    public static bool IsTripped(string? value) => !string.IsNullOrWhiteSpace(value);
}
