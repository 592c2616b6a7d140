using Microsoft.Extensions.Options;

namespace PareNetwork.Web.Setup;

public static class SecurityHeadersExtensions
{
    /// <summary>
    /// Every response carries a strict CSP (scripts from our own files only, no inline script),
    /// nosniff, a referrer policy and frame-ancestors; HSTS outside Development (on HTTPS requests, including
    /// those a reverse proxy forwarded with X-Forwarded-Proto).
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var map = app.Services.GetRequiredService<IOptions<MapOptions>>().Value;
        var csp = Csp(map, "'self'");
        // Hangfire's dashboard (Coordination only) uses inline styles: relaxed for that path alone, scripts stay strict.
        var dashboardCsp = Csp(map, "'self' 'unsafe-inline'");

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            // Read before the dashboard rewrites the path to its own.
            var policy = context.Request.Path.StartsWithSegments(JobsExtensions.DashboardPath) ? dashboardCsp : csp;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=()";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
                {
                    // A phone is often shared: what someone looked for must not stay in its cache.
                    headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static string Csp(MapOptions map, string styles) => string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            $"style-src {styles}",
            $"img-src 'self' data: {map.TileOrigin}".TrimEnd(),
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
}
