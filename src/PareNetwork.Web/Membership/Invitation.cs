using System.Security.Cryptography;
using System.Text;

namespace PareNetwork.Web.Membership;

/// <summary>
/// The coordination invites a contact by e-mail to manage a structure: a single-use link that expires. Only a hash
/// of its token is stored, so a copy of the database opens no invitation.
/// </summary>
public class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public int Id { get; private set; }

    public required string Email { get; init; }

    private int _structureId;

    public int StructureId { get => _structureId; init => _structureId = value; }

    public required string TokenHash { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public required string InvitedBy { get; init; }

    public DateTime? AcceptedAt { get; private set; }

    public string? AcceptedByUserId { get; private set; }

    /// <summary>Creates an invitation and the token to put in its link (returned once, never stored).</summary>
    public static (Invitation Invitation, string Token) Create(string email, int structureId, string invitedBy, DateTime now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new Invitation
        {
            Email = email,
            StructureId = structureId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            InvitedBy = invitedBy,
        }, token);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The structure was merged into another: an open invitation now leads to the structure that was kept.</summary>
    public void FollowMerge(int keptStructureId)
    {
        if (AcceptedAt is null)
        {
            _structureId = keptStructureId;
        }
    }

    public bool CanBeAccepted(DateTime now) => AcceptedAt is null && now < ExpiresAt;

    public StructureMember? Accept(string userId, DateTime now)
    {
        if (!CanBeAccepted(now))
        {
            return null;
        }
        AcceptedAt = now;
        AcceptedByUserId = userId;
        return new StructureMember { StructureId = StructureId, UserId = userId, Since = now, Origin = $"invitation #{Id}" };
    }
}
