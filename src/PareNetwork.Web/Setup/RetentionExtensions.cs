using PareNetwork.Web.Retention;

namespace PareNetwork.Web.Setup;

public static class RetentionExtensions
{
    /// <summary>The nightly RGPD job and this project's rules; other features register their own <see cref="IRetentionRule"/>.</summary>
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection(RetentionOptions.Section));
        builder.Services.AddScoped<IRetentionRule, SentMailRule>();
        builder.Services.AddScoped<IRetentionRule, RefusedLinkRequestRule>();
        builder.Services.AddScoped<IRetentionRule, ExpiredInvitationRule>();
        builder.Services.AddScoped<IRetentionRule, DeactivatedAccountRule>();
        builder.Services.AddScoped<RetentionJob>();
        return builder;
    }
}
