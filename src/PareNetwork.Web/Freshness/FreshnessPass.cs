using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Freshness;

/// <summary>What the daily pass needs of a published structure: no address, no description.</summary>
public sealed record FreshnessCandidate(int Id, string Name, DateTime? ConfirmedAt, int UpdateFrequencyMonths, DateTime CreatedAt, string? ContactEmail);

/// <summary>Who a reminder goes to: a member's account (its id for the history), else the structure's public contact address.</summary>
public sealed record ReminderRecipient(string Email, string? UserId);

public sealed record PlannedReminder(FreshnessCandidate Structure, string Cycle, ReminderKind Kind, IReadOnlyList<ReminderRecipient> Recipients);

/// <summary>The reminders already sent in a structure's current cycle.</summary>
public sealed record SentReminder(int StructureId, string Cycle, ReminderKind Kind, DateTime SentAt);

/// <summary>What one pass decides: the reminders to send, and what it leaves (counts for the summary).</summary>
public sealed record FreshnessPlan(IReadOnlyList<PlannedReminder> Reminders, int WithoutRecipient, int NeverConfirmedDeferred);

/// <summary>
/// The daily freshness pass, as a decision over what is stored: a record due for confirmation (à vérifier, en retard,
/// obsolète) gets a first reminder in its cycle, and a second one <see cref="FreshnessOptions.SecondReminderAfterDays"/>
/// Paris days later if still unconfirmed; a record never confirmed gets the same, its first reminders limited to
/// <see cref="FreshnessOptions.FirstRemindersPerDay"/> a day, oldest records first. A cycle that already had both
/// reminders gets nothing more; a confirmation opens a new cycle.
/// </summary>
public static class FreshnessPass
{
    public static async Task<FreshnessPlan> PlanAsync(PareDbContext db, DateTime now, FreshnessOptions options, CancellationToken ct)
    {
        var candidates = await db.Structures.AsNoTracking()
            .Where(s => s.Status == StructureStatus.Publiee)
            .Select(s => new FreshnessCandidate(s.Id, s.Name, s.ConfirmedAt, s.UpdateFrequencyMonths, s.CreatedAt, s.Email))
            .ToListAsync(ct);
        var members = (await (from m in db.StructureMembers
                              join u in db.Users on m.UserId equals u.Id
                              where u.DeactivatedAt == null && u.Email != null
                              select new { m.StructureId, Email = u.Email!, UserId = u.Id })
                .ToListAsync(ct))
            .GroupBy(m => m.StructureId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReminderRecipient>)[.. g.Select(m => new ReminderRecipient(m.Email, m.UserId))]);
        var sent = await db.FreshnessReminders.AsNoTracking()
            .Select(r => new SentReminder(r.StructureId, r.Cycle, r.Kind, r.SentAt))
            .ToListAsync(ct);
        return Plan(candidates, members, sent, now, options);
    }

    public static FreshnessPlan Plan(
        IReadOnlyList<FreshnessCandidate> candidates,
        IReadOnlyDictionary<int, IReadOnlyList<ReminderRecipient>> members,
        IReadOnlyList<SentReminder> sent,
        DateTime now,
        FreshnessOptions options)
    {
        var today = DateOnly.FromDateTime(Display.ParisTime(now));
        var byCycle = new Dictionary<(int, string), (DateTime? First, bool Second)>();
        var neverFirstToday = 0;
        foreach (var reminder in sent)
        {
            var key = (reminder.StructureId, reminder.Cycle);
            var current = byCycle.GetValueOrDefault(key);
            byCycle[key] = reminder.Kind == ReminderKind.First ? (reminder.SentAt, current.Second) : (current.First, true);
            if (reminder.Kind == ReminderKind.First && reminder.Cycle == FreshnessReminder.NeverConfirmedCycle
                && DateOnly.FromDateTime(Display.ParisTime(reminder.SentAt)) == today)
            {
                neverFirstToday++;
            }
        }

        var planned = new List<PlannedReminder>();
        var neverConfirmed = new List<(FreshnessCandidate Structure, IReadOnlyList<ReminderRecipient> Recipients)>();
        var withoutRecipient = 0;
        foreach (var structure in candidates)
        {
            if (Structure.FreshnessOf(structure.ConfirmedAt, structure.UpdateFrequencyMonths, now) == FreshnessState.AJour)
            {
                continue;
            }
            var cycle = FreshnessReminder.CycleOf(Structure.DueOf(structure.ConfirmedAt, structure.UpdateFrequencyMonths));
            ReminderKind kind;
            if (byCycle.TryGetValue((structure.Id, cycle), out var already))
            {
                if (already.Second || already.First is not { } first
                    || today < DateOnly.FromDateTime(Display.ParisTime(first)).AddDays(options.SecondReminderAfterDays))
                {
                    continue;
                }
                kind = ReminderKind.Second;
            }
            else
            {
                kind = ReminderKind.First;
            }
            var recipients = RecipientsOf(structure, members);
            if (recipients.Count == 0)
            {
                withoutRecipient++;
            }
            else if (kind == ReminderKind.First && cycle == FreshnessReminder.NeverConfirmedCycle)
            {
                neverConfirmed.Add((structure, recipients));
            }
            else
            {
                planned.Add(new PlannedReminder(structure, cycle, kind, recipients));
            }
        }

        var allowed = Math.Max(0, options.FirstRemindersPerDay - neverFirstToday);
        var oldestFirst = neverConfirmed.OrderBy(n => n.Structure.CreatedAt).ThenBy(n => n.Structure.Id).ToList();
        planned.AddRange(oldestFirst.Take(allowed).Select(n => new PlannedReminder(n.Structure, FreshnessReminder.NeverConfirmedCycle, ReminderKind.First, n.Recipients)));
        return new FreshnessPlan(planned, withoutRecipient, Math.Max(0, oldestFirst.Count - allowed));
    }

    /// <summary>The active members' accounts; else the public contact address; else nobody.</summary>
    private static IReadOnlyList<ReminderRecipient> RecipientsOf(FreshnessCandidate structure, IReadOnlyDictionary<int, IReadOnlyList<ReminderRecipient>> members) =>
        members.TryGetValue(structure.Id, out var linked) && linked.Count > 0 ? linked
        : structure.ContactEmail is { Length: > 0 } contact && contact.Contains('@', StringComparison.Ordinal) ? [new ReminderRecipient(contact.Trim(), null)]
        : [];
}
