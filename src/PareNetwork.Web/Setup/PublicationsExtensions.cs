using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Data;
using PareNetwork.Web.Publications;

namespace PareNetwork.Web.Setup;

public static class PublicationsExtensions
{
    /// <summary>The public side of contributions: the resource centre, the agenda and their feeds, read from one snapshot.</summary>
    public static WebApplicationBuilder AddPublications(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublicationCatalog>();
        builder.Services.AddScoped<PublicationInterceptor>();
        builder.Services.ConfigureDbContext<PareDbContext>((services, options) => options.AddInterceptors(services.GetRequiredService<PublicationInterceptor>()));
        builder.Services.Configure<OutputCacheOptions>(o => o.AddPolicy(PublicationCaching.PolicyName, PublicationCaching.Policy));
        return builder;
    }

    /// <summary>Maps the feeds, and evicts the cached pages and feeds whenever the publications change.</summary>
    public static WebApplication MapPublications(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<PublicationCatalog>();
        var outputCache = app.Services.GetRequiredService<IOutputCacheStore>();
        catalog.Invalidated += () => outputCache.EvictByTagAsync(PublicationCaching.Tag, default).AsTask().GetAwaiter().GetResult();
        PublicationEndpoints.Map(app);
        return app;
    }
}
