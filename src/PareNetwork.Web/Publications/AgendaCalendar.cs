using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Publications;

/// <summary>
/// The agenda as iCalendar (RFC 5545, written by Ical.Net: CRLF, folding, escaping): timed events in Europe/Paris with
/// its VTIMEZONE, events given by days as DATE values. LOCATION is the event's own place, never its structure's, and
/// there is no GEO: a confidential structure lends at most its name, in the description.
/// </summary>
public static class AgendaCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const string ParisZone = "Europe/Paris";

    public static string Write(IEnumerable<PublicItem> events, string baseUrl, string name)
    {
        var calendar = new Calendar { ProductId = "-//Réseau PARÉ//Agenda//FR", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", ParisZone);
        var dated = events.Where(e => e.Schedule.IsKnown).ToList();
        if (dated.Any(e => !e.Schedule.IsAllDay))
        {
            var earliest = dated.Min(e => e.Schedule.StartsAt!.Value);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(ParisZone, earliest.AddYears(-1), includeHistoricalData: false));
        }
        foreach (var item in dated)
        {
            calendar.Events.Add(ToEvent(item, baseUrl));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent ToEvent(PublicItem item, string baseUrl)
    {
        var schedule = item.Schedule;
        var calendarEvent = new CalendarEvent
        {
            Uid = $"contribution-{item.Id}@reseau-pare",
            DtStamp = new CalDateTime(item.PublishedAt, "UTC", hasTime: true),
            Summary = item.Title,
            Description = Describe(item),
            Location = Location(item),
            Url = new Uri(baseUrl + item.Url),
        };
        if (schedule.IsAllDay)
        {
            calendarEvent.DtStart = new CalDateTime(schedule.FirstDay!.Value);
            calendarEvent.DtEnd = new CalDateTime(schedule.LastDay!.Value.AddDays(1));
        }
        else
        {
            calendarEvent.DtStart = Paris(schedule.StartsAt!.Value);
            if (schedule.EndsAt is { } end && end > schedule.StartsAt)
            {
                calendarEvent.DtEnd = Paris(end);
            }
        }
        foreach (var theme in item.Themes)
        {
            calendarEvent.Categories.Add(theme);
        }
        return calendarEvent;
    }

    private static CalDateTime Paris(DateTime utc) => new(Display.ParisTime(utc), ParisZone, hasTime: true);

    private static string? Location(PublicItem item) => (item.Place, item.Online) switch
    {
        ({ } place, _) => place,
        (null, true) => "En ligne",
        _ => null,
    };

    private static string Describe(PublicItem item)
    {
        var text = new StringBuilder();
        if (item.Text is { } body)
        {
            text.AppendLine(body.Trim()).AppendLine();
        }
        void Line(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                text.AppendLine($"{label} : {value}");
            }
        }
        Line("Quand", item.Schedule.Describe());
        Line("Organisation", item.Organiser);
        Line("Structure", item.Structure?.Name);
        Line("Intervenants", item.Speakers);
        Line("Tarif", item.Price);
        Line("Inscription", item.RegistrationUrl);
        Line("En savoir plus", item.Link);
        return text.ToString().TrimEnd();
    }
}
