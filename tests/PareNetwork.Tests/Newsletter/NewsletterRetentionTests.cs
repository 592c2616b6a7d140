using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;
using PareNetwork.Web.Newsletter;
using PareNetwork.Web.Retention;

namespace PareNetwork.Tests.Newsletter;

/// <summary>The newsletter's retention rules on a fake clock, through the rules registered in the container.</summary>
public sealed class NewsletterRetentionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly NewsletterApp _app;

    public NewsletterRetentionTests() => _app = new NewsletterApp(_time, formsPermitLimit: 10_000);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync();

    /// <summary>Runs every newsletter rule, as the retention job would; returns each rule's count.</summary>
    private async Task<int[]> RunRulesAsync()
    {
        await using var scope = _app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var counts = new List<int>();
        foreach (var rule in scope.ServiceProvider.GetServices<IRetentionRule>().Where(r => r.GetType().Namespace == typeof(NewsletterSubscriber).Namespace).OrderBy(r => r.GetType().Name))
        {
            counts.Add(await rule.ApplyAsync(db, _time.GetUtcNow().UtcDateTime, default));
        }
        return [.. counts];
    }

    [Fact]
    public async Task The_three_rules_are_registered_with_french_labels()
    {
        await using var scope = _app.Factory.Services.CreateAsyncScope();
        var labels = scope.ServiceProvider.GetServices<IRetentionRule>().OfType<IRetentionRule>()
            .Where(r => r.GetType().Namespace == typeof(NewsletterSubscriber).Namespace).Select(r => r.Label).Order().ToList();
        Assert.Equal(
        [
            "abonnés inactifs de la newsletter (renouvellement demandé, puis effacement)",
            "adresses désinscrites de la newsletter",
            "demandes d'inscription à la newsletter jamais confirmées",
        ], labels);
    }

    [Fact]
    public async Task A_request_unconfirmed_for_30_days_is_erased_and_a_younger_one_kept()
    {
        await _app.SubscribeAsync("ancienne@exemple.org");
        _time.Advance(TimeSpan.FromDays(2));
        await _app.SubscribeAsync("recente@exemple.org");

        _time.Advance(TimeSpan.FromDays(28) - TimeSpan.FromMinutes(1));
        Assert.Equal(new[] { 0, 0, 0 }, await RunRulesAsync());
        _time.Advance(TimeSpan.FromMinutes(1));
        // Order: NewsletterInactiveRule, NewsletterPendingRule, NewsletterUnsubscribedRule.
        Assert.Equal(new[] { 0, 1, 0 }, await RunRulesAsync());
        Assert.Empty(await _app.SubscribersAsync("ancienne@exemple.org"));
        Assert.Single(await _app.SubscribersAsync("recente@exemple.org"));
        Assert.Equal(new[] { 0, 0, 0 }, await RunRulesAsync());
    }

    [Fact]
    public async Task An_inactive_subscriber_is_asked_once_then_erased_30_days_later_unless_they_renew()
    {
        await _app.SubscribeAndConfirmAsync("renouvelle@exemple.org");
        await _app.SubscribeAndConfirmAsync("silencieux@exemple.org");
        _time.Advance(TimeSpan.FromDays(365));
        await _app.SubscribeAndConfirmAsync("recent@exemple.org");

        _time.SetUtcNow(new DateTimeOffset(2029, 3, 2, 8, 59, 0, TimeSpan.Zero));
        Assert.Equal(new[] { 0, 0, 0 }, await RunRulesAsync());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new[] { 2, 0, 0 }, await RunRulesAsync());
        Assert.Equal(new[] { 0, 0, 0 }, await RunRulesAsync());

        var renewal = await _app.SingleMailAsync("renouvelle@exemple.org", NewsletterApp.RenewalSubject);
        Assert.Single(await _app.MailsToAsync("silencieux@exemple.org"), m => m.Subject == NewsletterApp.RenewalSubject);
        Assert.DoesNotContain(await _app.MailsToAsync("recent@exemple.org"), m => m.Subject == NewsletterApp.RenewalSubject);
        Assert.Equal("List-Unsubscribe=One-Click", renewal.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<https://localhost/newsletter/desabonnement/un-clic?jeton=", renewal.Headers["List-Unsubscribe"]);
        Assert.Contains("avant le 1er avril 2029 à 11 h 00", renewal.TextBody);

        _time.Advance(TimeSpan.FromDays(10));
        var link = NewsletterApp.LinkTo(renewal, NewsletterMails.ConfirmPath);
        using (var visitor = Browsing.Anonymous(_app.Factory))
        {
            Assert.Contains("Confirmer mon inscription</button>", await visitor.GetHtmlAsync(link));
            Assert.Null(Assert.Single(await _app.SubscribersAsync("renouvelle@exemple.org")).RenewedAt);
            using var renewed = await visitor.PostFormAsync(link, new() { ["jeton"] = NewsletterApp.Token(link) });
            Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
            Assert.Equal("/newsletter/confirmer?etat=renouvelee", renewed.Headers.Location!.OriginalString);
        }
        var kept = Assert.Single(await _app.SubscribersAsync("renouvelle@exemple.org"));
        Assert.Equal((_time.GetUtcNow().UtcDateTime, (DateTime?)null, NewsletterApp.Hmac(NewsletterApp.VisitorIp)), (kept.RenewedAt!.Value, kept.RenewalRequestedAt, kept.RenewalIpHash));

        _time.Advance(TimeSpan.FromDays(20));
        Assert.Equal(new[] { 1, 0, 0 }, await RunRulesAsync());
        Assert.Empty(await _app.SubscribersAsync("silencieux@exemple.org"));
        Assert.Equal(SubscriptionStatus.Confirmee, Assert.Single(await _app.SubscribersAsync("renouvelle@exemple.org")).Status);
        Assert.Single(await _app.SubscribersAsync("recent@exemple.org"));
        Assert.Equal(new[] { 0, 0, 0 }, await RunRulesAsync());
    }

    [Fact]
    public async Task An_unsubscribed_address_is_erased_after_three_years()
    {
        var welcome = await _app.SubscribeAndConfirmAsync("partie@exemple.org");
        using (var visitor = Browsing.Anonymous(_app.Factory))
        {
            var link = NewsletterApp.LinkTo(welcome, NewsletterMails.UnsubscribePath);
            using var left = await visitor.PostFormAsync(link, new() { ["jeton"] = NewsletterApp.Token(link) });
            Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        }
        _time.SetUtcNow(new DateTimeOffset(2029, 3, 2, 8, 59, 0, TimeSpan.Zero));
        Assert.Equal(new[] { 0, 0, 0 }, await RunRulesAsync());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new[] { 0, 0, 1 }, await RunRulesAsync());
        Assert.Empty(await _app.SubscribersAsync("partie@exemple.org"));
        Assert.DoesNotContain(await _app.MailsToAsync("partie@exemple.org"), m => m.Subject == NewsletterApp.RenewalSubject);
    }

    [Fact]
    public async Task A_confirmation_link_expires_after_seven_days()
    {
        await _app.SubscribeAsync("lente@exemple.org");
        var link = NewsletterApp.LinkTo(await _app.SingleMailAsync("lente@exemple.org", NewsletterApp.ConfirmSubject), NewsletterMails.ConfirmPath);
        _time.Advance(TimeSpan.FromDays(7));
        using var visitor = Browsing.Anonymous(_app.Factory);
        Assert.Contains("Ce lien n'est plus valable", await visitor.GetHtmlAsync(link));
        using var late = await visitor.PostFormAsync("/newsletter", new() { ["jeton"] = NewsletterApp.Token(link) }, link);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(SubscriptionStatus.EnAttente, Assert.Single(await _app.SubscribersAsync("lente@exemple.org")).Status);
    }
}
