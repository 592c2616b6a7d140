namespace PareNetwork.Web.Contributions;

/// <summary>The kinds of resource the centre lists (the original form's list), as codes and French labels.</summary>
public static class ResourceKinds
{
    public sealed record ResourceKindInfo(string Code, string Label);

    public static readonly IReadOnlyList<ResourceKindInfo> All =
    [
        new("guide", "Guide"),
        new("rapport", "Rapport, étude"),
        new("outil", "Outil pédagogique"),
        new("livre", "Livre"),
        new("video", "Vidéo, replay"),
        new("podcast", "Podcast"),
        new("enquete", "Enquête"),
        new("campagne", "Campagne de sensibilisation"),
        new("vademecum", "Vademecum, fiche pratique"),
        new("autre", "Autre"),
    ];

    public static ResourceKindInfo? Find(string? code) =>
        All.FirstOrDefault(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Label(string? code) => Find(code)?.Label ?? code ?? "";
}
