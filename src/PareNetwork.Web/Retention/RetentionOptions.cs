namespace PareNetwork.Web.Retention;

/// <summary>The durations of this project's RGPD rules (<c>Pare:Retention:*</c>); other rules bind keys of their own.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Pare:Retention";

    /// <summary>Days after delivery before an e-mail loses its recipient and body.</summary>
    public int SentMailDays { get; set; } = 30;

    /// <summary>Months after a refusal before a link request is deleted.</summary>
    public int RefusedLinkRequestMonths { get; set; } = 12;

    /// <summary>Months after expiry before an invitation that was never accepted is deleted.</summary>
    public int ExpiredInvitationMonths { get; set; } = 12;

    /// <summary>Months after deactivation before an account is deleted (its history kept under its pseudonym).</summary>
    public int DeactivatedAccountMonths { get; set; } = 12;
}
