using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using PareNetwork.Web.Api;

namespace PareNetwork.Web.Setup;

public static class HttpExtensions
{
    public static WebApplicationBuilder AddHttpFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsInFrench.Apply);
        builder.Services.AddOutputCache(o =>
        {
            o.DefaultExpirationTimeSpan = TimeSpan.FromMinutes(10);
            // Paths differing by case are different answers (canonical redirects, active links).
            o.UseCaseSensitivePaths = true;
            o.AddPolicy(HttpCaching.CatalogPolicyName, HttpCaching.CatalogPolicy);
        });
        builder.Services.AddResponseCompression(options =>
        {
            // HTML stays uncompressed: pages reflect the visitor's input and, once accounts exist, will carry
            // antiforgery tokens — the ingredients of BREACH-style attacks over HTTPS. APIs carry no secret.
            options.EnableForHttps = true;
            options.MimeTypes = ["application/json", "application/geo+json", "application/problem+json", "text/css", "text/javascript", "application/javascript", "image/svg+xml"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", Accounts.Roles.Coordination);
            // The member space's home also shows a signed-in person's pending requests, before any structure is theirs.
            o.Conventions.AuthorizePage("/Espace/Index");
            o.Conventions.AuthorizePage("/Espace/Structure", Accounts.Roles.Membre);
        }).AddMvcOptions(o => FrenchBindingMessages(o.ModelBindingMessageProvider));
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.Configure<MapOptions>(builder.Configuration.GetSection(MapOptions.Section));
        builder.Services.Configure<CoordinationOptions>(builder.Configuration.GetSection(CoordinationOptions.Section));
        return builder;
    }

    /// <summary>
    /// Errors: pages get the French error page, APIs a problem document (never an HTML page, never a stack trace).
    /// </summary>
    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/Error");
            }
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        return app;
    }

    /// <summary>Pages bind and validate in fr-FR (« 3,5 », French messages); the APIs parse their own parameters invariantly.</summary>
    public static WebApplication UseFrenchForPages(this WebApplication app)
    {
        var french = new System.Globalization.CultureInfo("fr-FR");
        app.UseWhen(context => !IsApi(context), pages => pages.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(french),
            SupportedCultures = [french],
            SupportedUICultures = [french],
            RequestCultureProviders = [],
        }));
        return app;
    }

    private static void FrenchBindingMessages(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider m)
    {
        m.SetValueIsInvalidAccessor(v => $"La valeur « {v} » n'est pas valide.");
        m.SetValueMustBeANumberAccessor(f => $"Le champ « {f} » doit être un nombre.");
        m.SetValueMustNotBeNullAccessor(f => $"Le champ « {f} » est obligatoire.");
        m.SetAttemptedValueIsInvalidAccessor((v, f) => $"La valeur « {v} » n'est pas valide pour « {f} ».");
        m.SetMissingBindRequiredValueAccessor(f => $"Le champ « {f} » est obligatoire.");
        m.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Le contenu de la requête est obligatoire.");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"La valeur « {v} » n'est pas valide.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur fournie n'est pas valide.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "Ce champ doit être un nombre.");
        m.SetUnknownValueIsInvalidAccessor(f => $"La valeur fournie pour « {f} » n'est pas valide.");
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>
    /// Static files: files named with a version (?v=) are immutable; the rest (ES modules imported by
    /// other modules, restored libraries) are revalidated on each use so a deployment is never served stale.
    /// </summary>
    public static WebApplication UseStaticFilesWithCaching(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var versioned = context.Context.Request.Query.ContainsKey("v");
                context.Context.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        return app;
    }
}
