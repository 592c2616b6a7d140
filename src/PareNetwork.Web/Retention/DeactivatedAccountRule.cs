using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Retention;

/// <summary>
/// An account deactivated for <see cref="RetentionOptions.DeactivatedAccountMonths"/> is deleted with everything that
/// names the person: the account (e-mail, phone, password hash), its roles, claims, logins and tokens, its structure
/// links, its link requests (professional e-mail), the invitation it accepted (invited address), and the e-mails sent
/// to it (recipient and body blanked; never-delivered ones deleted). What it did stays in the history under its
/// pseudonym (« compte 7F3K2Q »), which nothing links to the person any more: the change rows and the export log
/// lose the account id, and a label written as the « compte &lt;id&gt; » fallback becomes the pseudonym.
/// </summary>
public sealed class DeactivatedAccountRule(IOptions<RetentionOptions> options) : IRetentionRule
{
    public string Label => "comptes désactivés supprimés";

    public async Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddMonths(-options.Value.DeactivatedAccountMonths);
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt != null && u.DeactivatedAt <= cutoff)
            .Select(u => new { u.Id, u.Email, u.Pseudonym })
            .ToListAsync(ct);
        foreach (var account in accounts)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await PseudonymiseAsync(db, account.Id, account.Pseudonym, ct);
            await ForgetMailsAsync(db, account.Email, ct);
            await db.StructureMembers.Where(m => m.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.LinkRequests.Where(r => r.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.Invitations.Where(i => i.AcceptedByUserId == account.Id).ExecuteDeleteAsync(ct);
            await db.FreshnessLinks.Where(l => l.UserId == account.Id).ExecuteDeleteAsync(ct);
            var applications = (await db.MembershipApplications.Select(a => new { a.Id, a.UserId, a.ApplicantEmail }).ToListAsync(ct))
                .Where(a => a.UserId == account.Id || string.Equals(a.ApplicantEmail, account.Email, StringComparison.OrdinalIgnoreCase))
                .Select(a => a.Id).ToList();
            await db.MembershipApplications.Where(a => applications.Contains(a.Id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.UserId, (string?)null)
                    .SetProperty(a => a.ApplicantName, Adhesions.MembershipApplication.Anonymised)
                    .SetProperty(a => a.ApplicantRole, Adhesions.MembershipApplication.Anonymised)
                    .SetProperty(a => a.ApplicantEmail, Adhesions.MembershipApplication.Anonymised)
                    .SetProperty(a => a.ApplicantPhone, (string?)null)
                    .SetProperty(a => a.Expectations, (string?)null), ct);
            await db.UserRoles.Where(r => r.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.UserClaims.Where(c => c.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.UserLogins.Where(l => l.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.UserTokens.Where(t => t.UserId == account.Id).ExecuteDeleteAsync(ct);
            await db.Users.Where(u => u.Id == account.Id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return accounts.Count;
    }

    private static async Task PseudonymiseAsync(PareDbContext db, string userId, string pseudonym, CancellationToken ct)
    {
        // ChangeAuthor names a session without the pseudonym claim « compte <id> »; PareClaimsFactory always adds it,
        // so this rewrites nothing in practice, but a deleted account's id must not survive in a label.
        var fallback = "compte " + userId;
        await db.StructureChanges.Where(c => c.AuthorId == userId || c.AuthorLabel == fallback)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AuthorId, (string?)null)
                .SetProperty(c => c.AuthorLabel, c => c.AuthorLabel == fallback ? pseudonym : c.AuthorLabel), ct);
        await db.StructureChanges.Where(c => c.ReviewedBy == fallback).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReviewedBy, pseudonym), ct);
        await db.StructureChanges.Where(c => c.OldValue == fallback).ExecuteUpdateAsync(s => s.SetProperty(c => c.OldValue, pseudonym), ct);
        await db.StructureChanges.Where(c => c.NewValue == fallback).ExecuteUpdateAsync(s => s.SetProperty(c => c.NewValue, pseudonym), ct);
        await db.ExportLogs.Where(e => e.UserId == userId || e.UserLabel == fallback)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.UserId, (string?)null)
                .SetProperty(e => e.UserLabel, e => e.UserLabel == fallback ? pseudonym : e.UserLabel), ct);
        await db.LinkRequests.Where(r => r.DecidedBy == fallback).ExecuteUpdateAsync(s => s.SetProperty(r => r.DecidedBy, pseudonym), ct);
        await db.Invitations.Where(i => i.InvitedBy == fallback).ExecuteUpdateAsync(s => s.SetProperty(i => i.InvitedBy, pseudonym), ct);
    }

    private static async Task ForgetMailsAsync(PareDbContext db, string? email, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(email))
        {
            return;
        }
        // An address typed with other capitals still reaches the same person.
        await db.Outbox.Where(m => m.SentAt == null && EF.Functions.Collate(m.To, "NOCASE") == email).ExecuteDeleteAsync(ct);
        await db.Outbox.Where(m => m.SentAt != null && EF.Functions.Collate(m.To, "NOCASE") == email)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.To, "").SetProperty(m => m.TextBody, ""), ct);
    }
}
