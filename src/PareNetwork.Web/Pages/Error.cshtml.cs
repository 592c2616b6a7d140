using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PareNetwork.Web.Setup;

namespace PareNetwork.Web.Pages;

/// <summary>
/// The French error page of every screen, reached by re-execution (status code pages) or from the exception
/// handler. Opened directly, it is a page that does not exist: 404, not a 500.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel(IOptions<CoordinationOptions> coordination) : PageModel
{
    public int Code { get; private set; }

    public CoordinationOptions Coordination => coordination.Value;

    public string Title => Code switch
    {
        400 => "Demande incorrecte",
        401 => "Connexion requise",
        403 => "Accès refusé",
        404 => "Page introuvable",
        405 => "Action non autorisée",
        413 => "Envoi trop volumineux",
        429 => "Trop de demandes",
        >= 500 => "Une erreur est survenue",
        _ => "Demande impossible",
    };

    public string Message => Code switch
    {
        400 => "L'adresse ou le formulaire contient des informations que nous n'avons pas pu lire.",
        401 => "Connectez-vous pour accéder à cette page.",
        403 => "Vous n'avez pas accès à cette page.",
        404 => "Cette page n'existe pas ou plus.",
        405 => "Cette page ne peut pas être utilisée de cette façon.",
        413 => "Ce que vous avez envoyé dépasse la taille admise.",
        429 => "Vous avez fait beaucoup de demandes en peu de temps. Réessayez dans un instant.",
        >= 500 => "Nous n'avons pas pu traiter votre demande. Réessayez dans un instant.",
        _ => "Nous n'avons pas pu traiter votre demande.",
    };

    public void OnGet(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        Code = code is >= 400 and < 600 && reExecuted ? code.Value : failed ? 500 : 404;
        Response.StatusCode = Code;
    }

    /// <summary>A refused or failed POST is re-executed as a POST: same page.</summary>
    public void OnPost(int? code) => OnGet(code);
}
