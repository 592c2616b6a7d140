using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Newsletter;

namespace PareNetwork.Tests.Newsletter;

/// <summary>
/// An app of its own for the newsletter tests, with a configured IP hash key and every request coming from
/// <see cref="VisitorIp"/> (the test server gives none), optionally on a fake clock.
/// </summary>
public sealed partial class NewsletterApp : IAsyncLifetime
{
    public const string IpHashKey = "clé-de-test-du-hachage-des-adresses-ip-0123456789";

    public const string VisitorIp = "203.0.113.42";

    private readonly PareAppFactory _base;

    public NewsletterApp() : this(null, 10_000)
    {
    }

    internal NewsletterApp(TimeProvider? time, int formsPermitLimit)
    {
        _base = new PareAppFactory { FormsPermitLimit = formsPermitLimit };
        Factory = _base.WithWebHostBuilder(b => b
            .UseSetting(NewsletterSecret.ConfigurationKey, IpHashKey)
            .ConfigureTestServices(s =>
            {
                s.AddSingleton<IStartupFilter>(new FixedRemoteIp(IPAddress.Parse(VisitorIp)));
                if (time is not null)
                {
                    s.AddSingleton(time);
                }
            }));
    }

    public WebApplicationFactory<Program> Factory { get; }

    public PareAppFactory Base => _base;

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _base.DisposeAsync();
        _base.DeleteFolder();
    }

    public async Task<T> WithDbAsync<T>(Func<PareDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }

    public Task<List<NewsletterSubscriber>> SubscribersAsync(string email)
    {
        var normalized = NewsletterSubscriber.Normalize(email);
        return WithDbAsync(db => db.NewsletterSubscribers.AsNoTracking().Where(s => s.NormalizedEmail == normalized).ToListAsync());
    }

    public Task<int> OutboxCountAsync(string email) => WithDbAsync(db => db.Outbox.CountAsync(m => m.To == email));

    /// <summary>The fields of the subscription form, as a browser posts them (the honeypot left empty).</summary>
    public static Dictionary<string, string> Form(string email, string firstName = "Camille", string lastName = "Martin", string structureType = "association", bool consent = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Civility"] = "madame",
            ["Input.FirstName"] = firstName,
            ["Input.LastName"] = lastName,
            ["Input.StructureType"] = structureType,
            ["Input.Email"] = email,
            [PareNetwork.Web.Forms.Honeypot.FieldName] = "",
        };
        if (consent)
        {
            fields["Input.Consent"] = "true";
        }
        return fields;
    }

    /// <summary>Posts the subscription form; expects the redirect to the thanks.</summary>
    public async Task SubscribeAsync(string email, string firstName = "Camille")
    {
        using var visitor = Browsing.Anonymous(Factory);
        using var response = await visitor.PostFormAsync("/newsletter", Form(email, firstName));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/newsletter?envoye=True", response.Headers.Location!.OriginalString);
    }

    /// <summary>Delivers the outbox, then reads every message sent to <paramref name="to"/>, oldest first.</summary>
    public async Task<List<MimeMessage>> MailsToAsync(string to)
    {
        await Service<OutboxDelivery>().FlushAsync();
        var folder = Service<PickupFolder>().Path;
        return !Directory.Exists(folder) ? [] :
            [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(x => x.Address == to)).OrderBy(m => m.Date)];
    }

    public async Task<MimeMessage> SingleMailAsync(string to, string subject) =>
        Assert.Single(await MailsToAsync(to), m => m.Subject == subject);

    /// <summary>The path and query of the first link in the text that leads to <paramref name="path"/>.</summary>
    public static string LinkTo(MimeMessage message, string path)
    {
        var link = Links().Matches(message.TextBody ?? "").Select(m => new Uri(m.Value)).First(u => u.AbsolutePath == path);
        Assert.Equal("https", link.Scheme);
        return link.PathAndQuery;
    }

    /// <summary>Subscribes and confirms through the pages; returns the welcome e-mail.</summary>
    public async Task<MimeMessage> SubscribeAndConfirmAsync(string email)
    {
        await SubscribeAsync(email);
        var confirmation = await SingleMailAsync(email, ConfirmSubject);
        using var visitor = Browsing.Anonymous(Factory);
        var link = LinkTo(confirmation, NewsletterMails.ConfirmPath);
        using var confirmed = await visitor.PostFormAsync(link, new() { ["jeton"] = Token(link) });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        return await SingleMailAsync(email, WelcomeSubject);
    }

    public const string ConfirmSubject = "Confirmez votre inscription à la newsletter – Réseau PARÉ";

    public const string WelcomeSubject = "Inscription confirmée – Newsletter du réseau PARÉ";

    public const string RenewalSubject = "Souhaitez-vous continuer à recevoir la newsletter ? – Réseau PARÉ";

    public static string Token(string pathAndQuery) => Uri.UnescapeDataString(pathAndQuery[(pathAndQuery.IndexOf("jeton=", StringComparison.Ordinal) + 6)..]);

    public static string Hmac(string ip) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(IpHashKey), Encoding.UTF8.GetBytes(ip)));

    [GeneratedRegex(@"https?://[^\s]+")]
    private static partial Regex Links();

    private sealed class FixedRemoteIp(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
