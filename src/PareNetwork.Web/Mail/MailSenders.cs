using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PareNetwork.Web.Mail;

/// <summary>The one sending abstraction: SMTP when configured, otherwise a pickup folder of .eml files.</summary>
public interface IMailSender
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

internal static class Mime
{
    public static MimeMessage From(OutboxMessage message, MailOptions options)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject, Date = DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc) };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Body = new TextPart("plain") { Text = message.TextBody };
        foreach (var line in (message.Headers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            mime.Headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        return mime;
    }
}

/// <summary>Writes each message as &lt;id&gt;.eml: a second delivery of the same message overwrites, never duplicates.</summary>
public sealed class PickupFolderMailSender(IOptions<MailOptions> options, PickupFolder folder) : IMailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(folder.Path);
        var final = Path.Combine(folder.Path, $"{message.Id:N}.eml");
        var temporary = final + ".tmp";
        await Mime.From(message, options.Value).WriteToAsync(temporary, ct);
        File.Move(temporary, final, overwrite: true);
    }
}

public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(o.SmtpHost ?? throw new InvalidOperationException("Pare:Mail:SmtpHost is not configured."), o.SmtpPort, o.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", ct);
        }
        await client.SendAsync(Mime.From(message, o), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>The resolved pickup folder (under the app's data folder unless absolute).</summary>
public sealed record PickupFolder(string Path);
