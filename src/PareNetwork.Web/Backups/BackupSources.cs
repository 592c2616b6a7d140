namespace PareNetwork.Web.Backups;

/// <summary>
/// Where a backup reads and writes, resolved once at start from the data folder and <see cref="BackupOptions"/>. Beside
/// the app database (whose file the job reads from its own connection) it copies Hangfire's database, the Data
/// Protection keys — without them a restored app reads none of its cookies, antiforgery tokens or signed links — and
/// the uploaded files.
/// </summary>
public sealed record BackupSources(string DataFolder, string JobsFile, string Folder, int Keep)
{
    public const string KeysFolderName = "keys";

    public const string UploadsFolderName = "uploads";

    public string KeysFolder => Path.Combine(DataFolder, KeysFolderName);

    public string UploadsFolder => Path.Combine(DataFolder, UploadsFolderName);
}
