using Microsoft.AspNetCore.OutputCaching;
using PareNetwork.Web.Api;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Data;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Setup;

public static class CatalogExtensions
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            return GeoReference.LoadAsync(db).GetAwaiter().GetResult();
        });
        builder.Services.AddSingleton<StructureCatalog>();
        return builder;
    }

    /// <summary>Loads the reference and the catalog before the first request, and evicts cached answers when the catalog changes.</summary>
    public static async Task WarmCatalogAsync(this WebApplication app)
    {
        app.Services.GetRequiredService<GeoReference>();
        var catalog = app.Services.GetRequiredService<StructureCatalog>();
        var outputCache = app.Services.GetRequiredService<IOutputCacheStore>();
        catalog.Invalidated += () => outputCache.EvictByTagAsync(HttpCaching.CatalogTag, default).AsTask().GetAwaiter().GetResult();
        await catalog.GetAsync();
    }
}
