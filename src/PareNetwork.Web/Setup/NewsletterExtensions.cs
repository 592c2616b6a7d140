using PareNetwork.Web.Newsletter;
using PareNetwork.Web.Retention;

namespace PareNetwork.Web.Setup;

public static class NewsletterExtensions
{
    /// <summary>The newsletter list: double opt-in, consent proof with keyed IP hashes, one-click unsubscribe, retention rules.</summary>
    public static WebApplicationBuilder AddNewsletter(this WebApplicationBuilder builder)
    {
        var dataFolder = PersistenceExtensions.DataFolder(builder);
        builder.Services.AddSingleton(sp => new NewsletterSecret(sp.GetRequiredService<IConfiguration>()[NewsletterSecret.ConfigurationKey], dataFolder));
        builder.Services.Configure<NewsletterRetentionOptions>(builder.Configuration.GetSection(NewsletterRetentionOptions.Section));
        builder.Services.AddScoped<IRetentionRule, NewsletterPendingRule>();
        builder.Services.AddScoped<IRetentionRule, NewsletterInactiveRule>();
        builder.Services.AddScoped<IRetentionRule, NewsletterUnsubscribedRule>();
        return builder;
    }

    public static WebApplication MapNewsletter(this WebApplication app)
    {
        app.MapOneClickUnsubscribe();
        return app;
    }
}
