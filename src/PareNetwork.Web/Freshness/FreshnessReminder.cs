namespace PareNetwork.Web.Freshness;

public enum ReminderKind
{
    First,
    Second,
}

/// <summary>
/// One reminder sent for one structure in one cycle: what makes the daily job idempotent (a cycle gets one first and
/// one second reminder, never more). Holds no address: how many people it went to, not who.
/// </summary>
public class FreshnessReminder
{
    /// <summary>The cycle of a record no person ever confirmed.</summary>
    public const string NeverConfirmedCycle = "jamais";

    public long Id { get; private set; }

    public int StructureId { get; init; }

    /// <summary><see cref="NeverConfirmedCycle"/>, or the due date it answers (ISO 8601 UTC): a new confirmation opens a new cycle.</summary>
    public required string Cycle { get; init; }

    public ReminderKind Kind { get; init; }

    public DateTime SentAt { get; init; }

    public int Recipients { get; init; }

    /// <summary>The cycle a record is in: its due date, or <see cref="NeverConfirmedCycle"/>.</summary>
    public static string CycleOf(DateTime? dueAt) =>
        dueAt is { } due ? History.StructureFields.Format(due)! : NeverConfirmedCycle;
}
