using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Exports;
using PareNetwork.Web.History;
using PareNetwork.Web.Jobs;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Membership;
using PareNetwork.Web.Retention;

namespace PareNetwork.Tests.Retention;

public sealed class RetentionTests(RetentionApp app) : IClassFixture<RetentionApp>
{
    private static readonly DateTime Now = RetentionApp.Now;

    private static readonly DateTime TwelveMonthsAgo = Now.AddMonths(-12);

    /// <summary>A second run's summary: every registered rule (other features add theirs) found nothing.</summary>
    private string NothingLeft
    {
        get
        {
            using var scope = app.Factory.Services.CreateScope();
            return string.Join(" ; ", scope.ServiceProvider.GetServices<IRetentionRule>().Select(r => $"{r.Label} : 0")) + ".";
        }
    }

    [Fact]
    public async Task A_delivered_mail_loses_its_recipient_and_body_after_30_days_and_keeps_its_id_subject_and_times()
    {
        var atLimit = Sent("a-la-limite@exemple.org", Now.AddDays(-30));
        var younger = Sent("plus-jeune@exemple.org", Now.AddDays(-30).AddSeconds(1));
        var old = Sent("ancien@exemple.org", Now.AddDays(-400));
        await app.WithDbAsync(db =>
        {
            db.Outbox.AddRange(atLimit, younger, old);
            return db.SaveChangesAsync();
        });

        var first = await app.RunJobAsync();
        var second = await app.RunJobAsync();

        Assert.Contains("courriels envoyés rendus anonymes : 2 ;", first);
        Assert.Equal(NothingLeft, second);
        var rows = await app.WithDbAsync(db => db.Outbox.AsNoTracking()
            .Where(m => m.Id == atLimit.Id || m.Id == younger.Id || m.Id == old.Id).ToDictionaryAsync(m => m.Id));
        Assert.Equal(("", "", "Demande reçue – Réseau PARÉ", Now.AddDays(-30)), (rows[atLimit.Id].To, rows[atLimit.Id].TextBody, rows[atLimit.Id].Subject, rows[atLimit.Id].SentAt));
        Assert.Equal(("", "", Now.AddDays(-400)), (rows[old.Id].To, rows[old.Id].TextBody, rows[old.Id].SentAt));
        Assert.Equal(("plus-jeune@exemple.org", "Bonjour plus-jeune@exemple.org"), (rows[younger.Id].To, rows[younger.Id].TextBody));
    }

    [Fact]
    public async Task A_refused_link_request_is_deleted_12_months_after_its_refusal_and_no_other_request_is()
    {
        var structureId = await app.AnyStructureIdAsync();
        var userId = await CreateAccountAsync($"demandeur-{Guid.NewGuid():N}@exemple.org");
        LinkRequest Request(DateTime createdAt) => new()
        {
            UserId = userId, StructureId = structureId, RoleInStructure = "directrice", ProfessionalEmail = "pro@exemple.org", CreatedAt = createdAt,
        };
        var atLimit = Request(TwelveMonthsAgo.AddDays(-3));
        atLimit.Refuse(TwelveMonthsAgo, "compte AAAAAA", "pas de lien avec la structure");
        var younger = Request(TwelveMonthsAgo.AddDays(-3));
        younger.Refuse(TwelveMonthsAgo.AddSeconds(1), "compte AAAAAA", "doublon");
        var accepted = Request(Now.AddYears(-3));
        var pending = Request(Now.AddYears(-3));
        await app.WithDbAsync(db =>
        {
            db.LinkRequests.AddRange(atLimit, younger, accepted, pending);
            return db.SaveChangesAsync();
        });
        await app.WithDbAsync(async db =>
        {
            var request = await db.LinkRequests.SingleAsync(r => r.Id == accepted.Id);
            db.StructureMembers.Add(request.Accept(Now.AddYears(-3), "compte AAAAAA")!);
            await db.SaveChangesAsync();
        });

        var first = await app.RunJobAsync();
        var second = await app.RunJobAsync();

        Assert.Contains("demandes de rattachement refusées supprimées : 1 ;", first);
        Assert.Equal(NothingLeft, second);
        var left = await app.WithDbAsync(db => db.LinkRequests.Where(r => r.UserId == userId).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal([younger.Id, accepted.Id, pending.Id], left);
    }

    [Fact]
    public async Task An_invitation_never_accepted_is_deleted_12_months_after_it_expired_and_an_accepted_one_is_kept()
    {
        var structureId = await app.AnyStructureIdAsync();
        var (atLimit, _) = Invitation.Create("invite-limite@exemple.org", structureId, "compte AAAAAA", TwelveMonthsAgo - Invitation.Lifetime);
        var (younger, _) = Invitation.Create("invite-recent@exemple.org", structureId, "compte AAAAAA", TwelveMonthsAgo - Invitation.Lifetime + TimeSpan.FromSeconds(1));
        var (accepted, _) = Invitation.Create("invite-accepte@exemple.org", structureId, "compte AAAAAA", Now.AddYears(-3));
        var userId = await CreateAccountAsync($"invite-{Guid.NewGuid():N}@exemple.org");
        accepted.Accept(userId, Now.AddYears(-3).AddDays(1));
        await app.WithDbAsync(db =>
        {
            db.Invitations.AddRange(atLimit, younger, accepted);
            return db.SaveChangesAsync();
        });

        var first = await app.RunJobAsync();
        var second = await app.RunJobAsync();

        Assert.Equal(TwelveMonthsAgo, atLimit.ExpiresAt);
        Assert.Contains("invitations expirées supprimées : 1 ;", first);
        Assert.Equal(NothingLeft, second);
        var left = await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == atLimit.Id || i.Id == younger.Id || i.Id == accepted.Id)
            .OrderBy(i => i.Id).Select(i => i.Email).ToListAsync());
        Assert.Equal(["invite-recent@exemple.org", "invite-accepte@exemple.org"], left);
    }

    [Fact]
    public async Task An_account_deactivated_12_months_ago_is_deleted_with_everything_that_names_the_person_and_its_history_stays_under_its_pseudonym()
    {
        var structureId = await app.AnyStructureIdAsync();
        var email = $"Claire.Martin-{Guid.NewGuid():N}@exemple.org";
        var professional = $"claire.martin-{Guid.NewGuid():N}@association.org";
        var goneId = await CreateAccountAsync(email);
        var keptId = await CreateAccountAsync($"garde-{Guid.NewGuid():N}@exemple.org");
        var activeId = await CreateAccountAsync($"actif-{Guid.NewGuid():N}@exemple.org");
        var pseudonym = await app.WithDbAsync(db => db.Users.Where(u => u.Id == goneId).Select(u => u.Pseudonym).SingleAsync());

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var author = scope.ServiceProvider.GetRequiredService<ChangeAuthor>();
            var structure = await db.Structures.SingleAsync(s => s.Id == structureId);
            using (author.Use(ChangeChannel.Web, goneId, pseudonym))
            {
                structure.OpeningHours = "lundi 9 h – 17 h";
                structure.Confirm(Now.AddYears(-2), pseudonym);
                await db.SaveChangesAsync();
            }
            using (author.Use(ChangeChannel.Web, goneId, "compte " + goneId))
            {
                structure.OpeningHours = "lundi 9 h – 18 h";
                await db.SaveChangesAsync();
            }
            db.ExportLogs.Add(new ExportLog { At = Now.AddYears(-2), UserId = goneId, UserLabel = "compte " + goneId, Rows = 3, ConfidentialRows = 1 });
            db.StructureMembers.Add(new StructureMember { StructureId = structureId, UserId = keptId, Since = Now.AddYears(-2), Origin = "test" });
            var request = new LinkRequest
            {
                UserId = goneId, StructureId = structureId, RoleInStructure = "éducatrice", ProfessionalEmail = professional,
                Message = "Je suis Claire Martin, éducatrice", CreatedAt = Now.AddYears(-2),
            };
            db.LinkRequests.Add(request);
            await db.SaveChangesAsync();
            db.StructureMembers.Add(request.Accept(Now.AddYears(-2), "compte AAAAAA")!);
            var (invitation, _) = Invitation.Create(email, structureId, "compte AAAAAA", Now.AddYears(-2));
            invitation.Accept(goneId, Now.AddYears(-2).AddHours(1));
            db.Invitations.Add(invitation);
            var mail = Sent(email.ToUpperInvariant(), Now.AddDays(-2));
            db.Outbox.Add(mail);
            await db.SaveChangesAsync();
        }
        var historyBefore = await app.WithDbAsync(db => db.StructureChanges.CountAsync(c => c.AuthorId == goneId));
        await DeactivateAsync(goneId, TwelveMonthsAgo);
        await DeactivateAsync(keptId, TwelveMonthsAgo.AddSeconds(1));

        var first = await app.RunJobAsync();
        var second = await app.RunJobAsync();

        Assert.Contains("comptes désactivés supprimés : 1 ;", first);
        Assert.Equal(NothingLeft, second);
        var users = await app.WithDbAsync(db => db.Users.Where(u => u.Id == goneId || u.Id == keptId || u.Id == activeId).Select(u => u.Id).ToListAsync());
        Assert.Equal(new[] { activeId, keptId }.Order(StringComparer.Ordinal), users.Order(StringComparer.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => db.StructureMembers.CountAsync(m => m.UserId == keptId)));

        // The history is still there, every row under the pseudonym, linked to no account.
        Assert.True(historyBefore >= 3, $"{historyBefore} history rows");
        var history = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.AuthorLabel == pseudonym).ToListAsync());
        Assert.Equal(historyBefore, history.Count);
        Assert.All(history, c => Assert.Null(c.AuthorId));
        Assert.Contains(history, c => c.Field == StructureFields.Horaires && c.NewValue == "lundi 9 h – 18 h");
        Assert.Equal(pseudonym, await app.WithDbAsync(db => db.ExportLogs.Where(e => e.Rows == 3 && e.ConfidentialRows == 1).Select(e => e.UserLabel).SingleAsync()));

        // Nothing anywhere in the database names the person or their account any more.
        var found = FindText(app.Root, [email, professional, goneId, "Claire Martin"]);
        Assert.Empty(found);
        Assert.NotEmpty(FindText(app.Root, [pseudonym]));
    }

    [Fact]
    public async Task The_job_runs_every_registered_rule_and_a_failing_one_stops_neither_the_others_nor_the_record()
    {
        var registered = app.Factory.Services.CreateScope().ServiceProvider.GetServices<IRetentionRule>().Select(r => r.GetType()).ToList();
        Assert.Equal(
            [typeof(SentMailRule), typeof(RefusedLinkRequestRule), typeof(ExpiredInvitationRule), typeof(DeactivatedAccountRule)],
            registered.Where(t => t.Assembly == typeof(IRetentionRule).Assembly && t.Namespace == typeof(IRetentionRule).Namespace));

        var after = new CountingRule("après l'échec", 4);
        var recorder = app.Factory.Services.GetRequiredService<JobRecorder>();
        var scopes = app.Factory.Services.GetRequiredService<IServiceScopeFactory>();
        var job = new RetentionJob(recorder, [new CountingRule("avant", 2), new FailingRule(), after], scopes, app.Time, NullLogger<RetentionJob>.Instance);

        await Assert.ThrowsAsync<RetentionRuleFailedException>(() => job.RunAsync(CancellationToken.None));

        Assert.Equal(1, after.Runs);
        Assert.Equal(Now, after.LastNow);
        var run = await app.WithDbAsync(db => db.JobRuns.Where(r => r.Job == RetentionJob.Id).OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal((false, "Échec : RetentionRuleFailedException"), (run.Succeeded, run.Summary));
        var ok = new RetentionJob(recorder, [new CountingRule("lettres d'information", 2), new CountingRule("demandes de contact", 0)], scopes, app.Time, NullLogger<RetentionJob>.Instance);
        await ok.RunAsync(CancellationToken.None);
        var summary = await app.WithDbAsync(db => db.JobRuns.Where(r => r.Job == RetentionJob.Id).OrderByDescending(r => r.Id).Select(r => r.Summary).FirstAsync());
        Assert.Equal("lettres d'information : 2 ; demandes de contact : 0.", summary);
    }

    private static OutboxMessage Sent(string to, DateTime sentAt)
    {
        var message = new OutboxMessage { To = to, Subject = "Demande reçue – Réseau PARÉ", TextBody = "Bonjour " + to, CreatedAt = sentAt.AddMinutes(-1) };
        message.MarkSent(sentAt);
        return message;
    }

    private async Task<string> CreateAccountAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Membre, Infrastructure.Browsing.Password);
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PareUser>>().FindByEmailAsync(email))!.Id;
    }

    private Task DeactivateAsync(string userId, DateTime at) => app.WithDbAsync(async db =>
    {
        (await db.Users.SingleAsync(u => u.Id == userId)).Deactivate(at);
        await db.SaveChangesAsync();
    });

    /// <summary>Every table, column and row of the database file where one of <paramref name="needles"/> appears (any case).</summary>
    private static List<string> FindText(Infrastructure.PareAppFactory factory, IReadOnlyList<string> needles)
    {
        using var connection = factory.OpenDatabase();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var found = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetFieldType(i) == typeof(string) && !reader.IsDBNull(i) && reader.GetString(i) is var text
                        && needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }
        return found;
    }

    private sealed class CountingRule(string label, int count) : IRetentionRule
    {
        public int Runs { get; private set; }

        public DateTime LastNow { get; private set; }

        public string Label => label;

        public Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct)
        {
            Runs++;
            LastNow = now;
            return Task.FromResult(count);
        }
    }

    private sealed class FailingRule : IRetentionRule
    {
        public string Label => "en échec";

        public Task<int> ApplyAsync(PareDbContext db, DateTime now, CancellationToken ct) =>
            throw new InvalidOperationException("personne@exemple.org introuvable");
    }
}
