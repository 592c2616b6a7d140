using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Freshness;

namespace PareNetwork.Tests.Freshness;

/// <summary>The daily job « fraicheur »: who is mailed, once per cycle, the second reminder 14 days later, the daily limit.</summary>
public sealed class FreshnessReminderJobTests
{
    private const string FirstSubject = "Votre fiche est-elle toujours exacte ? – Réseau PARÉ";
    private const string SecondSubject = "Rappel : votre fiche est-elle toujours exacte ? – Réseau PARÉ";

    [Fact]
    public async Task A_due_record_s_members_or_else_its_contact_get_one_first_reminder_and_one_second_fourteen_days_later()
    {
        await using var app = new FreshnessApp(firstRemindersPerDay: 0);
        var dueSince = FreshnessApp.Start.AddMonths(-6).AddDays(-2);
        var withMembers = await app.CreateStructureAsync("Association avec membres", confirmedAt: dueSince, email: "public@avec-membres.exemple.org");
        var (first, firstId) = await app.AddMemberAsync(withMembers);
        var (second, _) = await app.AddMemberAsync(withMembers);
        var (deactivated, _) = await app.AddMemberAsync(withMembers, deactivated: true);
        var withoutMember = await app.CreateStructureAsync("Association sans membre", confirmedAt: dueSince, email: "contact@sans-membre.exemple.org");
        var upToDate = await app.CreateStructureAsync("Association à jour", confirmedAt: FreshnessApp.Start.AddMonths(-2));
        var (upToDateMember, _) = await app.AddMemberAsync(upToDate);
        string[] recipients = [first, second, "contact@sans-membre.exemple.org"];

        // The seeded records are never confirmed: with no first reminder allowed a day, 2 with an address wait, 32 have none.
        Assert.Equal("2 premiers rappels, aucune relance, 3 courriels, 32 fiches sans destinataire, 2 fiches jamais confirmées reportées (limite : 0 par jour)",
            await app.RunRemindersAsync());
        foreach (var to in recipients)
        {
            Assert.Equal([FirstSubject], (await app.MailsToAsync(to)).Select(m => m.Subject));
        }
        Assert.Empty(await app.MailsToAsync(deactivated));
        Assert.Empty(await app.MailsToAsync(upToDateMember));
        Assert.Empty(await app.MailsToAsync("public@avec-membres.exemple.org"));

        var memberMail = Assert.Single(await app.MailsToAsync(first));
        Assert.Contains("« Association avec membres »", memberMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("a été confirmée pour la dernière fois le 30 août 2026", memberMail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://localhost/espace/structures/{withMembers}", memberMail.TextBody, StringComparison.Ordinal);
        Assert.Contains("valable jusqu'au 31 mars 2027, une seule fois", memberMail.TextBody, StringComparison.Ordinal);
        var contactMail = Assert.Single(await app.MailsToAsync("contact@sans-membre.exemple.org"));
        Assert.Contains($"https://localhost/structures/{withoutMember}/representer", contactMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/espace/", contactMail.TextBody, StringComparison.Ordinal);
        // One link a person: the member's names its account, the contact's none; only hashes are stored.
        var links = await app.WithDbAsync(db => db.FreshnessLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync());
        Assert.Equal(2, links.Count(l => l.StructureId == withMembers));
        Assert.Contains(firstId, links.Where(l => l.StructureId == withMembers).Select(l => l.UserId));
        Assert.Equal([null], links.Where(l => l.StructureId == withoutMember).Select(l => l.UserId));
        Assert.Equal(FreshnessLink.Hash(FreshnessApp.Token(FreshnessApp.ConfirmLink(memberMail))), links.First(l => l.UserId == firstId).TokenHash);

        // A second run the same day sends nothing.
        Assert.StartsWith("aucun premier rappel, aucune relance, aucun courriel", await app.RunRemindersAsync(), StringComparison.Ordinal);
        var sentAfterFirstDay = (await app.MailsAsync()).Count;

        // Thirteen days later: still nothing; fourteen: the second reminder, once.
        app.Time.Advance(TimeSpan.FromDays(13));
        Assert.StartsWith("aucun premier rappel, aucune relance, aucun courriel", await app.RunRemindersAsync(), StringComparison.Ordinal);
        Assert.Equal(sentAfterFirstDay, (await app.MailsAsync()).Count);
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.StartsWith("aucun premier rappel, 2 relances, 3 courriels", await app.RunRemindersAsync(), StringComparison.Ordinal);
        foreach (var to in recipients)
        {
            Assert.Equal([FirstSubject, SecondSubject], (await app.MailsToAsync(to)).Select(m => m.Subject));
        }
        Assert.Contains("Nous vous avons écrit il y a deux semaines", (await app.MailsToAsync(first))[1].TextBody, StringComparison.Ordinal);
        Assert.StartsWith("aucun premier rappel, aucune relance, aucun courriel", await app.RunRemindersAsync(), StringComparison.Ordinal);

        // The cycle has had both: a month later, nothing more until the record is confirmed.
        app.Time.Advance(TimeSpan.FromDays(30));
        Assert.StartsWith("aucun premier rappel, aucune relance, aucun courriel", await app.RunRemindersAsync(), StringComparison.Ordinal);
        Assert.Equal(sentAfterFirstDay + 3, (await app.MailsAsync()).Count);
        Assert.Equal(4, await app.WithDbAsync(db => db.FreshnessReminders.CountAsync()));
    }

    [Fact]
    public async Task A_confirmation_opens_a_new_cycle_reminded_when_it_falls_due()
    {
        await using var app = new FreshnessApp(firstRemindersPerDay: 0);
        var id = await app.CreateStructureAsync("Association confirmée de nouveau", confirmedAt: FreshnessApp.Start.AddMonths(-7), email: "cycle@exemple.org");
        await app.RunRemindersAsync();
        Assert.Single(await app.MailsToAsync("cycle@exemple.org"));

        await app.WithDbAsync(async db =>
        {
            (await db.Structures.FindAsync(id))!.Confirm(app.Now, "test");
            return await db.SaveChangesAsync();
        });
        app.Time.Advance(TimeSpan.FromDays(14));
        await app.RunRemindersAsync();
        Assert.Single(await app.MailsToAsync("cycle@exemple.org"));

        // Six months after the new confirmation, a new first reminder.
        app.Time.Advance(TimeSpan.FromDays(171));
        await app.RunRemindersAsync();
        Assert.Equal([FirstSubject, FirstSubject], (await app.MailsToAsync("cycle@exemple.org")).Select(m => m.Subject));
    }

    [Fact]
    public async Task Never_confirmed_records_are_reminded_a_few_a_day_oldest_first()
    {
        await using var app = new FreshnessApp(firstRemindersPerDay: 2);
        await app.CreateStructureAsync("Jamais 3", email: "jamais3@exemple.org", createdAt: new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        await app.CreateStructureAsync("Jamais 1", email: "jamais1@exemple.org", createdAt: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var withMember = await app.CreateStructureAsync("Jamais 4", email: "public4@exemple.org", createdAt: new DateTime(2020, 4, 1, 0, 0, 0, DateTimeKind.Utc));
        var (member, _) = await app.AddMemberAsync(withMember);
        await app.CreateStructureAsync("Jamais 2", email: "jamais2@exemple.org", createdAt: new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        // The two seeded records with an address were created at the app's first start, after all of these.
        string[] seeded = ["formation@mouvementdunid.org", "lefil.noisiel@labreche77.fr"];

        async Task<string[]> FirstRemindedAsync() => [.. (await app.MailsAsync())
            .Where(m => m.Subject == "Votre fiche est-elle toujours exacte ? – Réseau PARÉ").Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal)];

        Assert.Equal("2 premiers rappels, aucune relance, 2 courriels, 32 fiches sans destinataire, 4 fiches jamais confirmées reportées (limite : 2 par jour)",
            await app.RunRemindersAsync());
        Assert.Equal(["jamais1@exemple.org", "jamais2@exemple.org"], await FirstRemindedAsync());
        Assert.Contains("n'a encore jamais été confirmée", (await app.MailsToAsync("jamais1@exemple.org")).Single().TextBody, StringComparison.Ordinal);

        // The day's allowance is spent: a second run the same day sends nothing.
        Assert.StartsWith("aucun premier rappel, aucune relance, aucun courriel", await app.RunRemindersAsync(), StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromDays(1));
        await app.RunRemindersAsync();
        Assert.Equal(["jamais1@exemple.org", "jamais2@exemple.org", "jamais3@exemple.org", member], (await FirstRemindedAsync()).Order(StringComparer.Ordinal));
        Assert.Empty(await app.MailsToAsync("public4@exemple.org"));

        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.StartsWith("2 premiers rappels, aucune relance, 2 courriels, 32 fiches sans destinataire, aucune fiche jamais confirmée reportée",
            await app.RunRemindersAsync(), StringComparison.Ordinal);
        Assert.Equal(6, (await FirstRemindedAsync()).Length);
        foreach (var to in seeded)
        {
            Assert.Single(await app.MailsToAsync(to));
        }

        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.StartsWith("aucun premier rappel, aucune relance, aucun courriel", await app.RunRemindersAsync(), StringComparison.Ordinal);

        // Their second reminders come 14 days after each first one, without the daily limit's delay.
        app.Time.Advance(TimeSpan.FromDays(11));
        Assert.StartsWith("aucun premier rappel, 2 relances, 2 courriels", await app.RunRemindersAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await app.MailsToAsync("jamais1@exemple.org")).Count);
        Assert.Single(await app.MailsToAsync("jamais3@exemple.org"));
    }
}
