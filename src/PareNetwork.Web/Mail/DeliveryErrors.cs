namespace PareNetwork.Web.Mail;

/// <summary>What a failure's exception type means, in French, for the coordination (the type alone is stored).</summary>
public static class DeliveryErrors
{
    public static string Label(string? error) => error switch
    {
        null or "" => "",
        "SocketException" => "serveur de courrier injoignable",
        "TimeoutException" => "délai dépassé",
        "SmtpCommandException" => "refusé par le serveur de courrier",
        "SmtpProtocolException" => "échange interrompu avec le serveur de courrier",
        "AuthenticationException" => "authentification refusée par le serveur de courrier",
        "SslHandshakeException" => "connexion chiffrée impossible",
        "ParseException" => "adresse mal formée",
        _ => "erreur inattendue",
    };
}
