namespace PareNetwork.Web.Contributions.Uploads;

public sealed class UploadOptions
{
    public const string Section = "Pare:Uploads";

    /// <summary>The largest file the contribution form accepts: 128 MB, like the original form.</summary>
    public long MaxBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>An image above this many pixels is refused before it is decoded (a small file can unpack into gigabytes).</summary>
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>What the form's other fields and the multipart framing may add to the file, for the request's size limit.</summary>
    public const long FormOverheadBytes = 1024 * 1024;
}
