using System.Text.RegularExpressions;

namespace PareNetwork.Web.Contributions.Uploads;

/// <summary>
/// The contributions' files, outside wwwroot, in the data folder's <c>uploads/</c> (what a backup copies), each under
/// a generated name: nothing a request sends — a file name with « ../ », a declared type — reaches a path. A file is
/// written first under <c>uploads.tmp/</c> and moved into <c>uploads/</c> only once its record is saved, so a refused
/// or interrupted upload leaves nothing behind in <c>uploads/</c>.
/// </summary>
public sealed partial class UploadStore(string dataFolder)
{
    public static readonly TimeSpan PartialLifetime = TimeSpan.FromDays(1);

    public string Folder { get; } = Path.Combine(dataFolder, "uploads");

    /// <summary>Files being received or checked; a sibling of <see cref="Folder"/> (same volume: the final move is a rename).</summary>
    public string PartialFolder { get; } = Path.Combine(dataFolder, "uploads.tmp");

    /// <summary>A new, empty temporary path; the caller deletes it whatever happens (<see cref="DeletePartial"/>).</summary>
    public string NewPartialPath()
    {
        Directory.CreateDirectory(PartialFolder);
        DeleteStalePartials();
        return Path.Combine(PartialFolder, Guid.NewGuid().ToString("N") + ".part");
    }

    public static string NewStoredName(UploadedFileType type) => Guid.NewGuid().ToString("N") + type.Extension;

    /// <summary>Moves a checked temporary file into the uploads folder under its stored name.</summary>
    public void Commit(string partialPath, string storedName)
    {
        Directory.CreateDirectory(Folder);
        File.Move(partialPath, PathOf(storedName) ?? throw new ArgumentException("Not a stored name.", nameof(storedName)), overwrite: false);
    }

    /// <summary>The path of a stored file, or null for anything that is not a generated name.</summary>
    public string? PathOf(string? storedName) =>
        storedName is not null && StoredName().IsMatch(storedName) ? Path.Combine(Folder, storedName) : null;

    public void Delete(string? storedName)
    {
        if (PathOf(storedName) is { } path)
        {
            File.Delete(path);
        }
    }

    public static void DeletePartial(string? path)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still open elsewhere: the next upload's sweep deletes it.
        }
    }

    /// <summary>Temporary files a crash left behind, older than a day.</summary>
    public void DeleteStalePartials()
    {
        if (!Directory.Exists(PartialFolder))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(PartialFolder))
        {
            if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow - PartialLifetime)
            {
                DeletePartial(file);
            }
        }
    }

    [GeneratedRegex(@"^[0-9a-f]{32}\.(pdf|png|jpg|docx|xlsx|pptx|odt|ods)$")]
    private static partial Regex StoredName();
}
