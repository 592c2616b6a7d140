using PareNetwork.Web.Forms;

namespace PareNetwork.Web.Setup;

public static class FormsExtensions
{
    /// <summary>The anti-abuse shared by every public form: a per-IP submission limit answering 429.</summary>
    public static WebApplicationBuilder AddPublicForms(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PublicFormsOptions.Section).Get<PublicFormsOptions>() ?? new PublicFormsOptions();
        builder.Services.Configure<PublicFormsOptions>(builder.Configuration.GetSection(PublicFormsOptions.Section));
        builder.Services.AddRateLimiter(limiter => PublicForms.AddPolicy(limiter, options));
        builder.Services.AddScoped<Retention.IRetentionRule, ContactRequests.ContactRequestRetention>();
        builder.Services.AddScoped<Retention.IRetentionRule, Adhesions.MembershipApplicationRetention>();
        return builder;
    }
}
