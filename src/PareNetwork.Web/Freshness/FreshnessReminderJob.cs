using Microsoft.Extensions.Options;
using PareNetwork.Web.Data;
using PareNetwork.Web.Jobs;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Freshness;

/// <summary>
/// The daily job « fraicheur »: sends what <see cref="FreshnessPass"/> decides, each reminder recorded with its
/// e-mails and their single-use links in one save, so a second run finds it sent and sends nothing.
/// </summary>
public sealed class FreshnessReminderJob(PareDbContext db, JobRecorder recorder, TimeProvider time, IOptions<FreshnessOptions> options, IConfiguration configuration)
    : IRecurringJob
{
    public const string Id = "fraicheur";

    /// <summary>Reminders saved together: a crash loses at most one chunk, never a reminder without its e-mails.</summary>
    private const int ChunkSize = 200;

    public Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One pass; returns its summary (counts only).</summary>
    public Task<string> RunOnceAsync(CancellationToken ct = default) => recorder.RunAsync(Id, async token =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        var plan = await FreshnessPass.PlanAsync(db, now, settings, token);
        await SendAsync(db, plan, now, settings, FreshnessMails.BaseUrl(configuration), token);
        return Summary(plan, settings);
    }, ct);

    public static async Task SendAsync(PareDbContext db, FreshnessPlan plan, DateTime now, FreshnessOptions settings, string baseUrl, CancellationToken ct)
    {
        var lifetime = TimeSpan.FromDays(Math.Max(1, settings.LinkLifetimeDays));
        foreach (var chunk in plan.Reminders.Chunk(ChunkSize))
        {
            foreach (var reminder in chunk)
            {
                db.FreshnessReminders.Add(new FreshnessReminder
                {
                    StructureId = reminder.Structure.Id,
                    Cycle = reminder.Cycle,
                    Kind = reminder.Kind,
                    SentAt = now,
                    Recipients = reminder.Recipients.Count,
                });
                foreach (var recipient in reminder.Recipients)
                {
                    var (link, token) = FreshnessLink.Create(reminder.Structure.Id, recipient.UserId, now, lifetime);
                    db.FreshnessLinks.Add(link);
                    FreshnessMails.Reminder(db, now, recipient.Email, reminder.Kind, reminder.Structure, recipient.UserId is not null,
                        $"{baseUrl}/confirmer-fiche?jeton={token}", link.ExpiresAt, baseUrl);
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    public static string Summary(FreshnessPlan plan, FreshnessOptions settings)
    {
        var first = plan.Reminders.Count(r => r.Kind == ReminderKind.First);
        var second = plan.Reminders.Count - first;
        var mails = plan.Reminders.Sum(r => r.Recipients.Count);
        return string.Join(", ",
            Display.Count(first, "premier rappel", "premiers rappels", feminine: false),
            Display.Count(second, "relance", "relances"),
            Display.Count(mails, "courriel", "courriels", feminine: false),
            Display.Count(plan.WithoutRecipient, "fiche sans destinataire", "fiches sans destinataire"),
            $"{Display.Count(plan.NeverConfirmedDeferred, "fiche jamais confirmée reportée", "fiches jamais confirmées reportées")} (limite : {settings.FirstRemindersPerDay} par jour)");
    }
}
