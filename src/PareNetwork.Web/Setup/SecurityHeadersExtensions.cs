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
        var csp = string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            $"img-src 'self' data: {map.TileOrigin}".TrimEnd(),
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = csp;
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
}
