using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Retention;

namespace PareNetwork.Web.Newsletter;

/// <summary>The newsletter's retention durations (<c>Pare:Retention:Newsletter*</c>).</summary>
public sealed class NewsletterRetentionOptions
{
    public const string Section = "Pare:Retention";

    /// <summary>A request never confirmed is erased after this many days.</summary>
    public int NewsletterPendingDays { get; set; } = 30;

    /// <summary>
    /// A subscriber without a confirmation or renewal for this long is asked to confirm again: three years, the duration
    /// the CNIL recommends for prospects who show no sign of interest.
    /// </summary>
    public int NewsletterInactiveMonths { get; set; } = 36;

    /// <summary>How long the subscriber has to answer the renewal e-mail before the address is erased.</summary>
    public int NewsletterRenewalDays { get; set; } = 30;

    /// <summary>An unsubscribed address (kept as the record of the opposition, with its consent proof) is erased after this long.</summary>
    public int NewsletterUnsubscribedMonths { get; set; } = 36;
}

/// <summary>Requests whose confirmation link was never used are erased after <see cref="NewsletterRetentionOptions.NewsletterPendingDays"/>.</summary>
public sealed class NewsletterPendingRule(IOptions<NewsletterRetentionOptions> options) : IRetentionRule
{
    public string Label => "demandes d'inscription à la newsletter jamais confirmées";

    public Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddDays(-options.Value.NewsletterPendingDays);
        return db.NewsletterSubscribers.Where(s => s.Status == SubscriptionStatus.EnAttente && s.RequestedAt <= cutoff).ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// Inactive subscribers (no confirmation nor renewal for <see cref="NewsletterRetentionOptions.NewsletterInactiveMonths"/>)
/// get one e-mail with a renewal link; those who have not used it within
/// <see cref="NewsletterRetentionOptions.NewsletterRenewalDays"/> are erased. A second run asks no one twice.
/// </summary>
public sealed class NewsletterInactiveRule(IOptions<NewsletterRetentionOptions> options, NewsletterSecret secret, TimeProvider time, IConfiguration configuration, IWebHostEnvironment environment) : IRetentionRule
{
    public string Label => "abonnés inactifs de la newsletter (renouvellement demandé, puis effacement)";

    public async Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var o = options.Value;
        var answerBy = now.AddDays(-o.NewsletterRenewalDays);
        var removed = await db.NewsletterSubscribers
            .Where(s => s.Status == SubscriptionStatus.Confirmee && s.RenewalRequestedAt != null && s.RenewalRequestedAt <= answerBy)
            .ExecuteDeleteAsync(ct);

        var inactiveSince = now.AddMonths(-o.NewsletterInactiveMonths);
        var inactive = await db.NewsletterSubscribers
            .Where(s => s.Status == SubscriptionStatus.Confirmee && s.RenewalRequestedAt == null && (s.RenewedAt ?? s.ConfirmedAt) <= inactiveSince)
            .ToListAsync(ct);
        var baseUrl = BaseUrl();
        var window = TimeSpan.FromDays(o.NewsletterRenewalDays);
        foreach (var subscriber in inactive)
        {
            var token = subscriber.AskRenewal(now, window);
            NewsletterMails.Renewal(db, time, subscriber, baseUrl, secret, NewsletterMails.ConfirmLink(baseUrl, token), now + window);
        }
        await db.SaveChangesAsync(ct);
        return removed + inactive.Count;
    }

    /// <summary>Pare:PublicUrl, required outside Development; in Development without it, the launch profile's address.</summary>
    private string BaseUrl() => (configuration[AccountMails.PublicUrlKey] is { Length: > 0 } configured ? configured
        : environment.IsDevelopment() ? "http://localhost:5025"
        : throw new InvalidOperationException($"{AccountMails.PublicUrlKey} is not configured.")).TrimEnd('/');
}

/// <summary>Unsubscribed addresses are erased after <see cref="NewsletterRetentionOptions.NewsletterUnsubscribedMonths"/>.</summary>
public sealed class NewsletterUnsubscribedRule(IOptions<NewsletterRetentionOptions> options) : IRetentionRule
{
    public string Label => "adresses désinscrites de la newsletter";

    public Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddMonths(-options.Value.NewsletterUnsubscribedMonths);
        return db.NewsletterSubscribers.Where(s => s.Status == SubscriptionStatus.Desinscrite && s.UnsubscribedAt <= cutoff).ExecuteDeleteAsync(ct);
    }
}
