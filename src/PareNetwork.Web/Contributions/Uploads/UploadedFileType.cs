using System.IO.Compression;
using System.Text;

namespace PareNetwork.Web.Contributions.Uploads;

/// <summary>A type of file the contribution form accepts, recognised by its content, never by its name or declared type.</summary>
public sealed record UploadedFileType(string Extension, string ContentType, string Label)
{
    public static readonly UploadedFileType Pdf = new(".pdf", "application/pdf", "PDF");
    public static readonly UploadedFileType Png = new(".png", "image/png", "image PNG");
    public static readonly UploadedFileType Jpeg = new(".jpg", "image/jpeg", "image JPEG");
    public static readonly UploadedFileType Docx = new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document Word");
    public static readonly UploadedFileType Xlsx = new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "classeur Excel");
    public static readonly UploadedFileType Pptx = new(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "présentation PowerPoint");
    public static readonly UploadedFileType Odt = new(".odt", "application/vnd.oasis.opendocument.text", "document OpenDocument");
    public static readonly UploadedFileType Ods = new(".ods", "application/vnd.oasis.opendocument.spreadsheet", "classeur OpenDocument");

    public static readonly IReadOnlyList<UploadedFileType> All = [Pdf, Png, Jpeg, Docx, Odt, Xlsx, Ods, Pptx];

    /// <summary>What the form tells people it accepts.</summary>
    public const string AcceptedList = "PDF, PNG, JPEG, DOCX, ODT, XLSX, ODS ou PPTX";

    /// <summary>The input's accept attribute: a hint for the file picker only; the server checks the content.</summary>
    public static string AcceptAttribute => string.Join(',', All.Select(t => t.Extension).Append(".jpeg"));

    public bool IsImage => this == Png || this == Jpeg;

    public static UploadedFileType? FromContentType(string? contentType) => All.FirstOrDefault(t => t.ContentType == contentType);

    /// <summary>
    /// The file's type from its first bytes; for the ZIP-based office formats, from the inner <c>mimetype</c> entry
    /// (OpenDocument) or the main part declared in <c>[Content_Types].xml</c> (Office Open XML, macro-free only).
    /// Null for anything else — HTML, SVG, scripts, executables, macro-enabled documents, a ZIP of other things.
    /// </summary>
    public static UploadedFileType? Detect(string path)
    {
        Span<byte> head = stackalloc byte[8];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        var start = head[..read];
        if (start.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (start.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        return start.StartsWith("PK\x03\x04"u8) ? DetectOfficeZip(path) : null;
    }

    private const int MaxInnerEntryBytes = 1024 * 1024;

    private static UploadedFileType? DetectOfficeZip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.GetEntry("mimetype") is { } mimetype)
            {
                return ReadEntry(mimetype).Trim() switch
                {
                    "application/vnd.oasis.opendocument.text" => Odt,
                    "application/vnd.oasis.opendocument.spreadsheet" => Ods,
                    _ => null,
                };
            }
            if (zip.GetEntry("[Content_Types].xml") is { } contentTypes)
            {
                var xml = ReadEntry(contentTypes);
                // The main part's type names the document; the macro-enabled variants (…macroEnabled.main+xml) are other strings.
                if (xml.Contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", StringComparison.Ordinal))
                {
                    return Docx;
                }
                if (xml.Contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", StringComparison.Ordinal))
                {
                    return Xlsx;
                }
                if (xml.Contains("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", StringComparison.Ordinal))
                {
                    return Pptx;
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>At most 1 MB of an entry, whatever it claims to unpack into.</summary>
    private static string ReadEntry(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new byte[Math.Min(MaxInnerEntryBytes, Math.Max(0, entry.Length))];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
