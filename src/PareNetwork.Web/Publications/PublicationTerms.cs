using PareNetwork.Web.Contributions;
using PareNetwork.Web.Geo;

namespace PareNetwork.Web.Publications;

/// <summary>The French words of the resource centre: kinds of contribution, kinds of resource, audiences.</summary>
public static class PublicationTerms
{
    public static readonly IReadOnlyList<(ContributionKind Kind, string Code, string Label, string Plural)> Kinds =
    [
        (ContributionKind.Actualite, "actualite", "Actualité du réseau", "Actualités du réseau"),
        (ContributionKind.Ressource, "ressource", "Ressource", "Ressources"),
        (ContributionKind.Evenement, "evenement", "Événement", "Événements"),
    ];

    /// <summary>The one list of resource kinds (<see cref="Contributions.ResourceKinds"/>), the form's and the centre's; an unknown code is shown as « Ressource ».</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> ResourceKinds =
        [.. Contributions.ResourceKinds.All.Select(k => (k.Code, k.Label))];

    /// <summary>The audiences the centre filters on, each with the words of a free « public » text that it matches.</summary>
    public static readonly IReadOnlyList<(string Code, string Label, string[] Words)> Audiences =
    [
        ("professionnels", "Professionnels", ["profession"]),
        ("parents", "Parents et proches", ["parent", "famille", "proche"]),
        ("jeunes", "Jeunes", ["jeune", "adolescent", "ado", "eleve", "mineur"]),
        ("grand-public", "Grand public", ["grand public", "tout public"]),
    ];

    public static string KindCode(ContributionKind kind) => Kinds.First(k => k.Kind == kind).Code;

    public static string KindLabel(ContributionKind kind) => Kinds.First(k => k.Kind == kind).Label;

    public static string? ResourceKindLabel(string? code) =>
        code is null ? null : ResourceKinds.FirstOrDefault(k => k.Code == code).Label;

    /// <summary>What an item is, in one word: « Livre », « Actualité du réseau », « Événement ».</summary>
    public static string TypeLabel(PublicItem item) =>
        item.Kind == ContributionKind.Ressource ? ResourceKindLabel(item.ResourceKind) ?? "Ressource" : KindLabel(item.Kind);

    public static bool AudienceMatches(string? audience, string code)
    {
        if (audience is null || Audiences.FirstOrDefault(a => a.Code == code).Words is not { } words)
        {
            return false;
        }
        var text = " " + GeoReference.Normalize(audience);
        return words.Any(w => text.Contains(" " + w, StringComparison.Ordinal));
    }
}
