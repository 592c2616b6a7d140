using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;

namespace PareNetwork.Web.Transfers;

/// <summary>
/// Uploaded import files, kept between the preview and « Appliquer » under a generated name in the app's data folder
/// (the folder of the SQLite database, beside the keys and the pickup folder): the apply step re-reads the file and
/// never trusts row data posted back by the browser. Files are deleted once applied, and after a day.
/// </summary>
public sealed class ImportUploads(string folder)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public string Folder { get; } = folder;

    /// <summary>The imports folder of the database in use: <c>&lt;data folder&gt;/imports</c>.</summary>
    public static ImportUploads For(PareDbContext db)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var dataFolder = Path.GetDirectoryName(Path.GetFullPath(source)) ?? throw new InvalidOperationException("The database has no folder.");
        return new ImportUploads(Path.Combine(dataFolder, "imports"));
    }

    /// <summary>Stores the bytes and returns the token that names them.</summary>
    public async Task<string> SaveAsync(byte[] content, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        DeleteExpired();
        var token = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(PathOf(token), content, ct);
        return token;
    }

    /// <summary>The bytes of an upload still kept, or null (unknown, malformed or expired token).</summary>
    public async Task<byte[]?> ReadAsync(string? token, CancellationToken ct = default)
    {
        if (!IsToken(token))
        {
            return null;
        }
        var path = PathOf(token!);
        if (!File.Exists(path) || File.GetLastWriteTimeUtc(path) < DateTime.UtcNow - Lifetime)
        {
            return null;
        }
        return await File.ReadAllBytesAsync(path, ct);
    }

    public void Delete(string? token)
    {
        if (IsToken(token))
        {
            File.Delete(PathOf(token!));
        }
    }

    /// <summary>Only the 32 hexadecimal digits of a generated name: nothing a request sends can reach another path.</summary>
    private static bool IsToken(string? token) => token is { Length: 32 } && Guid.TryParseExact(token, "N", out _);

    private string PathOf(string token) => Path.Combine(Folder, token + ".csv");

    /// <summary>Deletes the uploads older than <see cref="Lifetime"/>: at each start and before each new upload.</summary>
    public void DeleteExpired()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(Folder, "*.csv"))
        {
            if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow - Lifetime)
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // In use by another request: the next upload deletes it.
                }
            }
        }
    }
}
