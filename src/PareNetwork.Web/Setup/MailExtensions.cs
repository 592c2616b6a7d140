using Microsoft.Extensions.Options;
using PareNetwork.Web.Mail;

namespace PareNetwork.Web.Setup;

public static class MailExtensions
{
    /// <summary>E-mail through an outbox: written with the change that causes it, delivered after the commit by a Hangfire job (<see cref="OutboxDeliveryJob"/>).</summary>
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
        var dataFolder = PersistenceExtensions.DataFolder(builder);
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<MailOptions>>().Value.PickupFolder;
            return new PickupFolder(Path.IsPathRooted(configured) ? configured : Path.Combine(dataFolder, configured));
        });
        builder.Services.AddScoped<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.SmtpHost)
            ? ActivatorUtilities.CreateInstance<PickupFolderMailSender>(sp)
            : ActivatorUtilities.CreateInstance<SmtpMailSender>(sp));
        builder.Services.AddSingleton<OutboxDelivery>();
        builder.Services.AddScoped<OutboxInterceptor>();
        builder.Services.AddScoped<OutboxDeliveryJob>();
        return builder;
    }
}
