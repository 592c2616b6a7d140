using System.Security.Cryptography;
using System.Text;

namespace PareNetwork.Web.Newsletter;

public enum SubscriptionStatus
{
    /// <summary>Asked through the form; the address has not confirmed yet (double opt-in).</summary>
    EnAttente,

    Confirmee,

    Desinscrite,
}

/// <summary>
/// One address on the newsletter list, with the proof of its consent: when it was asked and confirmed (UTC), the exact
/// wording accepted and its version, and the requester's IP address as a keyed hash (never the address itself). One row
/// per address: asking again updates it, never duplicates it. The link of its confirmation (or renewal) e-mail holds a
/// random token of which only the hash is stored, as for invitations.
/// </summary>
public class NewsletterSubscriber
{
    /// <summary>How long the link of the confirmation e-mail stays valid.</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    /// <summary>Random, never reused: the unsubscribe links sign it, so a deleted row's link opens no other row.</summary>
    public Guid Id { get; private set; } = Guid.NewGuid();

    public required string Email { get; set; }

    /// <summary>The address trimmed and in lower case: the one row per address.</summary>
    public required string NormalizedEmail { get; init; }

    public string Civility { get; private set; } = "";

    public string FirstName { get; private set; } = "";

    public string LastName { get; private set; } = "";

    /// <summary>A code of <see cref="NewsletterForm.StructureTypes"/>.</summary>
    public string StructureType { get; private set; } = "";

    public SubscriptionStatus Status { get; private set; }

    public DateTime RequestedAt { get; private set; }

    public string ConsentWording { get; private set; } = "";

    public string ConsentVersion { get; private set; } = "";

    /// <summary>HMAC-SHA256 of the requester's IP address with the server's secret (see <see cref="NewsletterSecret"/>).</summary>
    public string? RequestIpHash { get; private set; }

    public DateTime? ConfirmedAt { get; private set; }

    public string? ConfirmationIpHash { get; private set; }

    /// <summary>The last time the subscriber confirmed again when asked (after <c>Pare:Retention:NewsletterInactiveMonths</c>).</summary>
    public DateTime? RenewedAt { get; private set; }

    public string? RenewalIpHash { get; private set; }

    /// <summary>When the subscriber was asked to confirm again; removed if they have not within the renewal window.</summary>
    public DateTime? RenewalRequestedAt { get; private set; }

    public DateTime? UnsubscribedAt { get; private set; }

    /// <summary>Hash of the token of the pending confirmation or renewal link; a concurrency token, so a link works once.</summary>
    public string? TokenHash { get; private set; }

    public DateTime? TokenExpiresAt { get; private set; }

    /// <summary>The last consent given: « inactive » means none for the configured duration.</summary>
    public DateTime? LastConsentAt => RenewedAt ?? ConfirmedAt;

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A new request: pending, with its consent proof; returns the token of the confirmation link (never stored).</summary>
    public static (NewsletterSubscriber Subscriber, string Token) Request(NewsletterForm.Entry entry, string? ipHash, DateTime now)
    {
        var subscriber = new NewsletterSubscriber { Email = entry.Email.Trim(), NormalizedEmail = Normalize(entry.Email) };
        return (subscriber, subscriber.RequestAgain(entry, ipHash, now)!);
    }

    /// <summary>
    /// The form was sent again for this address. A confirmed subscriber is left as they are (null: nothing to send);
    /// a pending or unsubscribed address starts a new double opt-in with the new consent and a new link.
    /// </summary>
    public string? RequestAgain(NewsletterForm.Entry entry, string? ipHash, DateTime now)
    {
        if (Status == SubscriptionStatus.Confirmee)
        {
            return null;
        }
        Email = entry.Email.Trim();
        Civility = entry.Civility;
        FirstName = entry.FirstName.Trim();
        LastName = entry.LastName.Trim();
        StructureType = entry.StructureType;
        Status = SubscriptionStatus.EnAttente;
        RequestedAt = now;
        ConsentWording = NewsletterForm.ConsentWording;
        ConsentVersion = NewsletterForm.ConsentVersion;
        RequestIpHash = ipHash;
        ConfirmedAt = null;
        ConfirmationIpHash = null;
        RenewedAt = null;
        RenewalIpHash = null;
        RenewalRequestedAt = null;
        UnsubscribedAt = null;
        return NewToken(now + ConfirmationLifetime);
    }

    /// <summary>What the link of the e-mail, once its button is pressed, does.</summary>
    public enum LinkOutcome
    {
        Invalid,
        Confirmed,
        Renewed,
    }

    public bool LinkIsValid(DateTime now) => TokenHash is not null && TokenExpiresAt > now
        && (Status == SubscriptionStatus.EnAttente || (Status == SubscriptionStatus.Confirmee && RenewalRequestedAt is not null));

    /// <summary>The button of the confirmation (or renewal) link: the first confirms, the second renews; the link is spent.</summary>
    public LinkOutcome UseLink(string? ipHash, DateTime now)
    {
        if (!LinkIsValid(now))
        {
            return LinkOutcome.Invalid;
        }
        TokenHash = null;
        TokenExpiresAt = null;
        if (Status == SubscriptionStatus.EnAttente)
        {
            Status = SubscriptionStatus.Confirmee;
            ConfirmedAt = now;
            ConfirmationIpHash = ipHash;
            return LinkOutcome.Confirmed;
        }
        RenewedAt = now;
        RenewalIpHash = ipHash;
        RenewalRequestedAt = null;
        return LinkOutcome.Renewed;
    }

    /// <summary>Asks an inactive subscriber to confirm again; returns the token of the renewal link, valid for <paramref name="window"/>.</summary>
    public string AskRenewal(DateTime now, TimeSpan window)
    {
        RenewalRequestedAt = now;
        return NewToken(now + window);
    }

    /// <summary>
    /// Unsubscribes (again is harmless). The address and the consent proof stay, as the record of the opposition, until
    /// the retention rule removes them; the name and the type of structure are no longer needed and go at once.
    /// </summary>
    public void Unsubscribe(DateTime now)
    {
        if (Status == SubscriptionStatus.Desinscrite)
        {
            return;
        }
        Status = SubscriptionStatus.Desinscrite;
        UnsubscribedAt = now;
        Civility = "";
        FirstName = "";
        LastName = "";
        StructureType = "";
        TokenHash = null;
        TokenExpiresAt = null;
        RenewalRequestedAt = null;
    }

    private string NewToken(DateTime expiresAt)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        TokenHash = Hash(token);
        TokenExpiresAt = expiresAt;
        return token;
    }
}
