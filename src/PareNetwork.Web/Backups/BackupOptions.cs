namespace PareNetwork.Web.Backups;

public sealed class BackupOptions
{
    public const string Section = "Pare:Backups";

    /// <summary>Where the dated copies go; a relative path is under the app's data folder. Empty: <c>&lt;data folder&gt;/backups</c>.</summary>
    public string Folder { get; set; } = "";

    /// <summary>How many nightly copies are kept; older ones are deleted after each new copy.</summary>
    public int Keep { get; set; } = 7;
}
