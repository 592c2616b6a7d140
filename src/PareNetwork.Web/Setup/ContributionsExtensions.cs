using Microsoft.Extensions.Options;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Contributions.Uploads;
using PareNetwork.Web.Retention;

namespace PareNetwork.Web.Setup;

public static class ContributionsExtensions
{
    /// <summary>The contribution form's uploads (in the data folder's uploads/), their limits, and their retention rule.</summary>
    public static WebApplicationBuilder AddContributions(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<UploadOptions>(builder.Configuration.GetSection(UploadOptions.Section));
        builder.Services.Configure<ContributionRetentionOptions>(builder.Configuration.GetSection(ContributionRetentionOptions.Section));
        var dataFolder = PersistenceExtensions.DataFolder(builder);
        builder.Services.AddSingleton(new UploadStore(dataFolder));
        builder.Services.AddScoped<IRetentionRule, RefusedContributionFilesRule>();
        builder.Services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidation>();
        return builder;
    }

    private sealed class UploadOptionsValidation : IValidateOptions<UploadOptions>
    {
        public ValidateOptionsResult Validate(string? name, UploadOptions options) => options.MaxBytes > 0 && options.MaxImagePixels > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Pare:Uploads:MaxBytes and Pare:Uploads:MaxImagePixels must be positive.");
    }
}
