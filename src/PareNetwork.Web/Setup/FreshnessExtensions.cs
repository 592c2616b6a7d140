using PareNetwork.Web.Freshness;
using PareNetwork.Web.Retention;

namespace PareNetwork.Web.Setup;

public static class FreshnessExtensions
{
    /// <summary>The daily reminders, the weekly digest (both in <see cref="Jobs.JobSchedule"/>) and their settings.</summary>
    public static WebApplicationBuilder AddFreshness(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FreshnessOptions>(builder.Configuration.GetSection(FreshnessOptions.Section));
        builder.Services.AddScoped<FreshnessReminderJob>();
        builder.Services.AddScoped<FreshnessDigestJob>();
        builder.Services.AddScoped<IRetentionRule, FreshnessLinkRetention>();
        return builder;
    }
}
