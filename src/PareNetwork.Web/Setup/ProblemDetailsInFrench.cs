using Microsoft.AspNetCore.WebUtilities;

namespace PareNetwork.Web.Setup;

/// <summary>Every problem document of the API in French: a title per status, and a detail when the framework gave none.</summary>
public static class ProblemDetailsInFrench
{
    /// <summary>French title and detail by status code; the titles replace ASP.NET Core's English reason phrases.</summary>
    public static readonly IReadOnlyDictionary<int, (string Title, string Detail)> ByStatus = new Dictionary<int, (string, string)>
    {
        [400] = ("Requête invalide", "La requête contient des paramètres invalides."),
        [401] = ("Connexion requise", "Connectez-vous pour accéder à cette ressource."),
        [403] = ("Accès refusé", "Vous n'avez pas accès à cette ressource."),
        [404] = ("Ressource introuvable", "Aucune ressource ne correspond à cette adresse. La liste des adresses de l'API figure dans le README du projet."),
        [405] = ("Méthode non autorisée", "Cette adresse n'accepte pas cette méthode HTTP."),
        [406] = ("Format non disponible", "Cette ressource n'est pas disponible dans le format demandé."),
        [413] = ("Requête trop volumineuse", "La requête dépasse la taille admise."),
        [415] = ("Format non pris en charge", "Le format du contenu envoyé n'est pas pris en charge."),
        [429] = ("Trop de requêtes", "Trop de requêtes en peu de temps : réessayez dans un instant."),
        [500] = ("Erreur interne", "Une erreur est survenue de notre côté. Réessayez dans un instant."),
        [503] = ("Service indisponible", "Le service est momentanément indisponible. Réessayez dans un instant."),
    };

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (!ByStatus.TryGetValue(status, out var french))
        {
            french = status >= 500 ? ByStatus[500] : ByStatus[400];
        }
        // Titles we set ourselves are French already; the framework's defaults are its English reason phrases.
        if (problem.Title is null || problem.Title == ReasonPhrases.GetReasonPhrase(status) || problem.Title.StartsWith("One or more validation", StringComparison.Ordinal))
        {
            problem.Title = french.Title;
        }
        problem.Detail ??= french.Detail;
    }
}
