using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace PareNetwork.Web.Contributions.Uploads;

public enum StreamedFormOutcome
{
    Read,

    /// <summary>No valid antiforgery token before the first other field: nothing else was read.</summary>
    Forged,

    /// <summary>The file is larger than allowed: its bytes were discarded; the fields before it were kept.</summary>
    TooLarge,

    /// <summary>The body stopped before its end (connection lost) or is not valid multipart: the temporary file is gone.</summary>
    Interrupted,
}

/// <summary>
/// A multipart form read as a stream, section by section, never buffered: the antiforgery token is checked first —
/// from the request header the form's script may send, or from the first section (the form puts its hidden token
/// field first) — so that a forged request is refused before any of its body is read; the fields are kept (bounded
/// in number and size) and one file is written to a temporary path as it arrives, counted against the limit.
/// The caller owns <see cref="PartialPath"/> and deletes it (<see cref="DisposeAsync"/> does) unless it moved it.
/// </summary>
public sealed class StreamedForm : IAsyncDisposable
{
    public const int MaxFields = 300;
    public const int MaxFieldChars = 20_000;
    private const int MaxTokenBytes = 4096;
    private const int BufferSize = 81920;

    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.OrdinalIgnoreCase);

    public StreamedFormOutcome Outcome { get; private set; } = StreamedFormOutcome.Read;

    /// <summary>The form fields as a collection the model binders read.</summary>
    public FormCollection Fields => new(_fields.ToDictionary(f => f.Key, f => new StringValues([.. f.Value]), StringComparer.OrdinalIgnoreCase));

    /// <summary>A file was chosen (a name or bytes arrived), even if it was then refused.</summary>
    public bool FileChosen { get; private set; }

    /// <summary>The name the browser gave, reduced to a plain file name (no folder, no control character); for display only.</summary>
    public string? FileName { get; private set; }

    public string? PartialPath { get; private set; }

    public long FileSize { get; private set; }

    public static async Task<StreamedForm> ReadAsync(HttpRequest request, IAntiforgery antiforgery, AntiforgeryOptions antiforgeryOptions,
        UploadStore store, string fileField, long maxFileBytes, CancellationToken ct)
    {
        var form = new StreamedForm();
        try
        {
            await form.ReadSectionsAsync(request, antiforgery, antiforgeryOptions, store, fileField, maxFileBytes, ct);
        }
        catch (AntiforgeryValidationException)
        {
            form.Fail(StreamedFormOutcome.Forged);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            form.Fail(StreamedFormOutcome.TooLarge);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or OperationCanceledException)
        {
            form.Fail(StreamedFormOutcome.Interrupted);
        }
        return form;
    }

    private async Task ReadSectionsAsync(HttpRequest request, IAntiforgery antiforgery, AntiforgeryOptions options,
        UploadStore store, string fileField, long maxFileBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            throw new InvalidDataException("Not a multipart form.");
        }
        var headerName = options.HeaderName ?? "RequestVerificationToken";
        var tokenChecked = false;
        if (request.Headers.ContainsKey(headerName))
        {
            // Read from the header alone: the body is not touched.
            await antiforgery.ValidateRequestAsync(request.HttpContext);
            tokenChecked = true;
        }
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 8 * 1024 };
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException("A section is not a form field.");
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            var isFile = disposition.IsFileDisposition();
            if (!tokenChecked)
            {
                if (isFile || name != options.FormFieldName)
                {
                    throw new AntiforgeryValidationException("The antiforgery token must come first.");
                }
                request.Headers[headerName] = await ReadTextAsync(section.Body, MaxTokenBytes, ct);
                await antiforgery.ValidateRequestAsync(request.HttpContext);
                tokenChecked = true;
                continue;
            }
            if (isFile)
            {
                var fileName = Clean(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                if (name != fileField || FileChosen)
                {
                    await DrainAsync(section.Body, long.MaxValue, ct);
                    continue;
                }
                if (!await ReceiveFileAsync(section.Body, fileName, store, maxFileBytes, ct))
                {
                    return;
                }
                continue;
            }
            if (_fields.Count >= MaxFields && !_fields.ContainsKey(name))
            {
                throw new InvalidDataException("Too many fields.");
            }
            var value = await ReadTextAsync(section.Body, MaxFieldChars * 4, ct);
            if (_fields.TryGetValue(name, out var values))
            {
                values.Add(value);
            }
            else
            {
                _fields[name] = [value];
            }
        }
    }

    /// <summary>Streams the file to a temporary path; false when it was too large (the rest of the body is then left unread).</summary>
    private async Task<bool> ReceiveFileAsync(Stream body, string? fileName, UploadStore store, long maxFileBytes, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var first = await body.ReadAsync(buffer.AsMemory(0, BufferSize), ct);
            if (first == 0 && fileName is null)
            {
                // The browser sends an empty part when no file was chosen.
                return true;
            }
            FileChosen = true;
            FileName = fileName ?? "fichier";
            PartialPath = store.NewPartialPath();
            var tooLarge = false;
            await using (var file = new FileStream(PartialPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                for (var read = first; read > 0; read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), ct))
                {
                    FileSize += read;
                    if (FileSize > maxFileBytes)
                    {
                        tooLarge = true;
                        break;
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (tooLarge)
            {
                Fail(StreamedFormOutcome.TooLarge);
                return false;
            }
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Fail(StreamedFormOutcome outcome)
    {
        Outcome = outcome;
        UploadStore.DeletePartial(PartialPath);
        PartialPath = null;
    }

    /// <summary>A field's text, at most <paramref name="maxBytes"/> bytes kept (the rest is read and dropped, validation reports the length).</summary>
    private static async Task<string> ReadTextAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total, buffer.Length - total), ct)) > 0)
            {
                total += read;
            }
            if (total > maxBytes)
            {
                await DrainAsync(body, long.MaxValue, ct);
                total = maxBytes;
            }
            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task DrainAsync(Stream body, long max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while (total < max && (read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>« ../../evil.pdf », « C:\temp\a.pdf » → « evil.pdf », « a.pdf »; control and quote characters removed; 255 characters at most.</summary>
    public static string? Clean(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }
        var last = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var cleaned = new string([.. last.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or ':' or '*' or '?' or '|'))]).Trim().TrimStart('.');
        if (cleaned.Length == 0)
        {
            return null;
        }
        return cleaned.Length <= 255 ? cleaned : cleaned[..200] + Path.GetExtension(cleaned)[..Math.Min(Path.GetExtension(cleaned).Length, 55)];
    }

    public ValueTask DisposeAsync()
    {
        UploadStore.DeletePartial(PartialPath);
        PartialPath = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>The caller has moved the file: it is no longer this form's to delete.</summary>
    public void Release() => PartialPath = null;

    /// <summary>Replaces the temporary file (an image re-encoded without its metadata); the previous one is deleted.</summary>
    public void ReplacePartial(string path)
    {
        UploadStore.DeletePartial(PartialPath);
        PartialPath = path;
        FileSize = new FileInfo(path).Length;
    }
}
