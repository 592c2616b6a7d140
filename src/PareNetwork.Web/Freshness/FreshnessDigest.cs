namespace PareNetwork.Web.Freshness;

/// <summary>One weekly digest sent to the coordination: what makes the weekly job idempotent.</summary>
public class FreshnessDigest
{
    public int Id { get; private set; }

    /// <summary>The ISO week in Paris time (« 2027-W10 »).</summary>
    public required string Week { get; init; }

    public DateTime SentAt { get; init; }

    public int Recipients { get; init; }

    public static string WeekOf(DateTime utc)
    {
        var day = Pages.Shared.Display.ParisTime(utc);
        return FormattableString.Invariant($"{System.Globalization.ISOWeek.GetYear(day)}-W{System.Globalization.ISOWeek.GetWeekOfYear(day):D2}");
    }
}
