namespace PareNetwork.Web.Mail;

public sealed class MailOptions
{
    public const string Section = "Pare:Mail";

    public string From { get; set; } = "Réseau PARÉ <ne-pas-repondre@reseau-pare.invalid>";

    /// <summary>SMTP server; when empty, messages are written as .eml files in <see cref="PickupFolder"/>.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public bool SmtpStartTls { get; set; } = true;

    /// <summary>Where .eml files go without SMTP; relative to the app's data folder (default: its "mail" folder).</summary>
    public string PickupFolder { get; set; } = "mail";
}
