using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace PareNetwork.Web.Newsletter;

/// <summary>
/// The server secret of the newsletter: it keys the hash of IP addresses (a plain SHA-256 of an IPv4 address is reversed
/// by trying the 2³² addresses) and, through a key derived from it, signs the unsubscribe links. It comes from
/// <c>Pare:Newsletter:IpHashKey</c> when set, else it is generated once and kept in the data folder beside the Data
/// Protection keys (<see cref="FileName"/>), so that hashes stay comparable across restarts. It is never logged.
/// Changing it makes older hashes incomparable and the unsubscribe links of e-mails already sent invalid.
/// </summary>
public sealed class NewsletterSecret
{
    public const string ConfigurationKey = "Pare:Newsletter:IpHashKey";

    public const string FileName = "newsletter-secret.key";

    public const int MinimumLength = 32;

    private readonly Lazy<byte[]> _key;
    private readonly Lazy<byte[]> _unsubscribeKey;

    public NewsletterSecret(string? configured, string dataFolder)
    {
        if (configured is { Length: > 0 } && configured.Length < MinimumLength)
        {
            throw new InvalidOperationException($"{ConfigurationKey} must hold at least {MinimumLength} characters (a random secret).");
        }
        _key = new Lazy<byte[]>(() => Encoding.UTF8.GetBytes(configured is { Length: > 0 } ? configured : ReadOrCreate(Path.Combine(dataFolder, FileName))));
        _unsubscribeKey = new Lazy<byte[]>(() => HMACSHA256.HashData(_key.Value, "pare-newsletter-desabonnement"u8));
    }

    /// <summary>HMAC-SHA256 of the address's text (an IPv4 mapped into IPv6 as IPv4), in lower-case hex; null without an address.</summary>
    public string? HashIp(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(ip.ToString())));
    }

    /// <summary>The token of a subscriber's unsubscribe links: its id and a signature of it; it does not expire.</summary>
    public string UnsubscribeToken(Guid subscriberId) => $"{subscriberId:N}.{Signature(subscriberId)}";

    /// <summary>The subscriber's id when the token is one this server signed; null otherwise.</summary>
    public Guid? ReadUnsubscribeToken(string? token)
    {
        if (token is not { Length: > 33 and < 100 } || token[32] != '.' || !Guid.TryParseExact(token[..32], "N", out var id))
        {
            return null;
        }
        var expected = Encoding.ASCII.GetBytes(Signature(id));
        var given = Encoding.ASCII.GetBytes(token[33..]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? id : null;
    }

    private string Signature(Guid id) =>
        Convert.ToBase64String(HMACSHA256.HashData(_unsubscribeKey.Value, Encoding.ASCII.GetBytes($"desabonnement:{id:N}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads the generated secret, or creates it (readable by the app's user only); two first starts at once keep one.</summary>
    private static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var kept = File.ReadAllText(path).Trim();
            return kept.Length >= MinimumLength ? kept
                : throw new InvalidOperationException($"{path} does not hold a secret of {MinimumLength} characters: restore it from a backup, or delete it to generate a new one (older IP hashes and unsubscribe links then no longer match).");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(secret);
            return secret;
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
    }
}
