using System.Globalization;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Publications;

/// <summary>
/// When an event takes place, read from <c>StartsAt</c>/<c>EndsAt</c> (UTC). An event given by days only is stored as
/// Paris midnight of its first day and, when it lasts several days, Paris midnight of the day after its last one (the end
/// is exclusive, as in iCalendar): both at Paris midnight means « whole days ».
/// </summary>
public sealed record EventSchedule(DateTime? StartsAt, DateTime? EndsAt)
{
    public bool IsKnown => StartsAt is not null;

    public bool IsAllDay => StartsAt is { } start && IsParisMidnight(start) && (EndsAt is null || IsParisMidnight(EndsAt.Value));

    /// <summary>First day, in Paris.</summary>
    public DateOnly? FirstDay => StartsAt is { } start ? DateOnly.FromDateTime(Display.ParisTime(start)) : null;

    /// <summary>Last day, in Paris (inclusive).</summary>
    public DateOnly? LastDay
    {
        get
        {
            if (FirstDay is not { } first)
            {
                return null;
            }
            if (EndsAt is not { } end || end <= StartsAt)
            {
                return first;
            }
            var endDay = DateOnly.FromDateTime(Display.ParisTime(end));
            return IsAllDay ? endDay.AddDays(-1) : endDay;
        }
    }

    /// <summary>
    /// The moment after which the event is over: its end, else the end of its day when given by day, else its start.
    /// An event without a date is never over (it waits in the agenda, « date à préciser »).
    /// </summary>
    public DateTime? EndsOrStartsAt => StartsAt is not { } start ? null
        : EndsAt is { } end && end > start ? end
        : IsAllDay ? Display.ParisMidnightUtc(FirstDay!.Value.AddDays(1))
        : start;

    public bool IsOver(DateTime now) => EndsOrStartsAt is { } over && over <= now;

    /// <summary>
    /// « le 12 mars 2026 de 14 h à 16 h », « le 24 novembre 2023 à 14 h », « le 1er décembre 2023 »,
    /// « du 22 au 23 novembre 2023 », « du 23 novembre 2023 à 9 h 30 au 24 novembre 2023 à 17 h 30 », « date à préciser ».
    /// </summary>
    public string Describe()
    {
        if (StartsAt is not { } start)
        {
            return "date à préciser";
        }
        var first = FirstDay!.Value;
        var last = LastDay!.Value;
        if (IsAllDay)
        {
            return first == last ? $"le {Day(first)}" : $"du {Range(first, last)}";
        }
        var startTime = Hour(Display.ParisTime(start));
        if (EndsAt is not { } end || end <= start)
        {
            return $"le {Day(first)} à {startTime}";
        }
        var endTime = Hour(Display.ParisTime(end));
        return first == last
            ? $"le {Day(first)} de {startTime} à {endTime}"
            : $"du {Day(first)} à {startTime} au {Day(last)} à {endTime}";
    }

    /// <summary>« 1er décembre 2023 », « 12 mars 2026 ».</summary>
    public static string Day(DateOnly day) => $"{DayOfMonth(day)} {day.ToString("MMMM yyyy", Display.French)}";

    /// <summary>« 14 h », « 9 h 30 ».</summary>
    public static string Hour(DateTime local) => local.Minute == 0
        ? $"{local.Hour.ToString(CultureInfo.InvariantCulture)} h"
        : $"{local.Hour.ToString(CultureInfo.InvariantCulture)} h {local.Minute.ToString("00", CultureInfo.InvariantCulture)}";

    /// <summary>« 22 au 23 novembre 2023 », « 30 novembre au 2 décembre 2023 », « 30 décembre 2023 au 2 janvier 2024 ».</summary>
    private static string Range(DateOnly first, DateOnly last) =>
        first.Year != last.Year ? $"{Day(first)} au {Day(last)}"
        : first.Month != last.Month ? $"{DayOfMonth(first)} {first.ToString("MMMM", Display.French)} au {Day(last)}"
        : $"{DayOfMonth(first)} au {Day(last)}";

    private static string DayOfMonth(DateOnly day) => day.Day == 1 ? "1er" : day.Day.ToString(CultureInfo.InvariantCulture);

    private static bool IsParisMidnight(DateTime utc) => Display.ParisTime(utc).TimeOfDay == TimeSpan.Zero;
}
