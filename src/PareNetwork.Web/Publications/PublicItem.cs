using PareNetwork.Web.Catalog;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Publications;

/// <summary>
/// The structure a published item is tied to, as the public may know it: taken from the public catalogue, so a
/// confidential structure lends its name and page only — its commune is null there, and it has no address or point.
/// </summary>
public sealed record StructureLink(int Id, string Name, string Url, string? CommuneName, bool IsConfidential)
{
    public static StructureLink From(PublicStructure s) => new(s.Id, s.Name, s.Url, s.IsConfidential ? null : s.CommuneName, s.IsConfidential);
}

/// <summary>
/// What the public may know of a published contribution: never its submitter, its moderation or a file's name on disk.
/// Every public page, feed and search reads this, never the entity.
/// </summary>
public sealed record PublicItem(
    int Id,
    ContributionKind Kind,
    string Title,
    string? Text,
    string? Link,
    StructureLink? Structure,
    IReadOnlyList<string> DepartementCodes,
    IReadOnlyList<string> Themes,
    string? Audience,
    EventSchedule Schedule,
    string? Place,
    bool Online,
    string? Organiser,
    string? Speakers,
    string? Price,
    string? RegistrationUrl,
    string? Territory,
    string? ResourceKind,
    string? Author,
    DateOnly? PublishedOn,
    bool HasFile,
    string? FileOriginalName,
    long? FileSize,
    DateTime PublishedAt)
{
    public string Slug => Domain.Structure.Slugify(Title) is { Length: > 0 } slug ? slug : "contenu";

    public string Url => Kind == ContributionKind.Evenement ? $"/agenda/{Id}/{Slug}" : $"/ressources/{Id}/{Slug}";

    public string? FileUrl => HasFile ? Contributions.ContributionFiles.Url(Id) : null;

    public bool IsEvent => Kind == ContributionKind.Evenement;

    /// <summary>The text cut at a word before 280 characters, for lists.</summary>
    public string? Excerpt => Text is not { } text ? null
        : text.Length <= 280 ? text
        : text[..(text.LastIndexOf(' ', 279) is > 0 and var cut ? cut : 279)] + "…";

    /// <summary>The text's paragraphs (blank-line or line separated).</summary>
    public IReadOnlyList<string> Paragraphs => Text is null ? [] : [.. Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>An event's year is the year it starts; a resource's or a news item's, the year its author published it.</summary>
    public int? Year => IsEvent ? Schedule.FirstDay?.Year : PublishedOn?.Year;

    /// <summary>
    /// Normalized title, text, author, organiser, speakers and the structure's name, for the free-text search. Never the
    /// structure's address or commune: searching a shelter's street or town must not lead to it through its events.
    /// </summary>
    internal string SearchKey { get; } = GeoReference.Normalize($"{Title} {Text} {Author} {Organiser} {Speakers} {Structure?.Name}");

    public static PublicItem From(Contribution c, PublicStructure? structure) => new(
        c.Id,
        c.Kind,
        Clean(c.Title)!,
        Clean(c.Text),
        Display.WebHref(c.Link),
        structure is null ? null : StructureLink.From(structure),
        [.. c.DepartementCodes.Order(StringComparer.Ordinal)],
        [.. c.Themes.Select(t => Clean(t)!)],
        Clean(c.Audience),
        new EventSchedule(c.Kind == ContributionKind.Evenement ? c.StartsAt : null, c.Kind == ContributionKind.Evenement ? c.EndsAt : null),
        Clean(c.Place),
        c.Online,
        Clean(c.Organiser),
        Clean(c.Speakers),
        Clean(c.Price),
        Display.WebHref(c.RegistrationUrl),
        Clean(c.Territory),
        Clean(c.ResourceKind),
        Clean(c.Author),
        c.PublishedOn,
        c.FileName is not null,
        c.FileName is null ? null : Clean(c.FileOriginalName),
        c.FileName is null ? null : c.FileSize,
        c.ModeratedAt ?? c.SubmittedAt);

    /// <summary>Without control characters (line breaks and tabs kept): XML (the Atom feed) and iCalendar admit none, no reader needs them.</summary>
    internal static string? Clean(string? text) =>
        text is null || !text.Any(IsStray) ? text : new string([.. text.Where(c => !IsStray(c))]);

    private static bool IsStray(char c) => char.IsControl(c) && c is not '\n' and not '\t';
}
