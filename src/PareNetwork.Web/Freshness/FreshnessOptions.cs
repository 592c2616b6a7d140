namespace PareNetwork.Web.Freshness;

public sealed class FreshnessOptions
{
    public const string Section = "Pare:Freshness";

    /// <summary>
    /// First reminders to never-confirmed records per (Paris) day, oldest records first: a fresh install, where every
    /// seeded record is « jamais confirmée », does not mail every structure at once. 0 sends none.
    /// </summary>
    public int FirstRemindersPerDay { get; set; } = 20;

    /// <summary>How long the « Tout est exact » link of a reminder stays valid.</summary>
    public int LinkLifetimeDays { get; set; } = 30;

    /// <summary>Days after the first reminder of a cycle before the second, if the record is still not confirmed.</summary>
    public int SecondReminderAfterDays { get; set; } = 14;
}
