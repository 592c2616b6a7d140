using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace PareNetwork.Web.Publications;

/// <summary>
/// The Atom feed (RFC 4287, written by System.ServiceModel.Syndication) of the news and resources, newest first. An
/// entry says what the item's page says, and of its structure at most the name.
/// </summary>
public static class PublicationFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public const int Size = 50;

    public static byte[] Write(IEnumerable<PublicItem> items, string baseUrl, string selfPath)
    {
        var entries = items.Where(i => !i.IsEvent).Take(Size).ToList();
        var feed = new SyndicationFeed(
            "Réseau PARÉ – actualités et ressources",
            "Les actualités du réseau PARÉ et les ressources sur la prostitution des mineurs.",
            new Uri(baseUrl + "/ressources"))
        {
            Id = baseUrl + "/ressources",
            Language = "fr",
            LastUpdatedTime = entries.Count == 0 ? DateTimeOffset.UnixEpoch : new DateTimeOffset(entries.Max(e => e.PublishedAt), TimeSpan.Zero),
            Authors = { new SyndicationPerson { Name = "Réseau PARÉ – Droit d'Enfance" } },
            Items = [.. entries.Select(e => ToEntry(e, baseUrl))],
        };
        feed.Links.Add(new SyndicationLink(new Uri(baseUrl + selfPath), "self", null, PublicationFeed.ContentType.Split(';')[0], 0));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return stream.ToArray();
    }

    private static SyndicationItem ToEntry(PublicItem item, string baseUrl)
    {
        var url = baseUrl + item.Url;
        var entry = new SyndicationItem(item.Title, (SyndicationContent?)null, new Uri(url), url, new DateTimeOffset(item.PublishedAt, TimeSpan.Zero))
        {
            Summary = new TextSyndicationContent(item.Excerpt ?? item.Title),
            Content = new TextSyndicationContent(Content(item)),
        };
        if (item.PublishedOn is { } on)
        {
            entry.PublishDate = new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        if (item.Author is { } author)
        {
            entry.Authors.Add(new SyndicationPerson { Name = author });
        }
        entry.Categories.Add(new SyndicationCategory(PublicationTerms.TypeLabel(item)));
        foreach (var theme in item.Themes)
        {
            entry.Categories.Add(new SyndicationCategory(theme));
        }
        return entry;
    }

    private static string Content(PublicItem item)
    {
        var parts = new List<string>();
        if (item.Text is { } text)
        {
            parts.Add(text.Trim());
        }
        if (item.Structure is { } structure)
        {
            parts.Add($"Structure : {structure.Name}");
        }
        if (item.Territory is { } territory)
        {
            parts.Add($"Territoire : {territory}");
        }
        return string.Join("\n\n", parts);
    }
}
