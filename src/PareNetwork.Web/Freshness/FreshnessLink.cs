using System.Security.Cryptography;
using System.Text;

namespace PareNetwork.Web.Freshness;

/// <summary>
/// The « Tout est exact » link of a reminder: bound to one structure, single use, expiring. Only a hash of its token
/// is stored (as for invitations), so a copy of the database confirms nothing.
/// </summary>
public class FreshnessLink
{
    public long Id { get; private set; }

    public int StructureId { get; init; }

    public required string TokenHash { get; init; }

    /// <summary>The member the link was sent to, for the history's pseudonym; null when it went to the public contact address.</summary>
    public string? UserId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? UsedAt { get; private set; }

    /// <summary>Creates a link and the token to put in it (returned once, never stored).</summary>
    public static (FreshnessLink Link, string Token) Create(int structureId, string? userId, DateTime now, TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new FreshnessLink
        {
            StructureId = structureId,
            TokenHash = Hash(token),
            UserId = userId,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        }, token);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool IsExpired(DateTime now) => now >= ExpiresAt;

    public bool CanBeUsed(DateTime now) => UsedAt is null && !IsExpired(now);

    public void Use(DateTime now) => UsedAt ??= now;
}
