using System.IO.Compression;
using System.Net;
using System.Text;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Contributions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using static PareNetwork.Tests.Contributions.ContributionsApp;

namespace PareNetwork.Tests.Contributions;

/// <summary>The resource's file: checked by content, stored under a generated name outside wwwroot, served as an attachment.</summary>
public sealed class UploadTests(ContributionsApp app) : IClassFixture<ContributionsApp>
{
    [Fact]
    public async Task A_PDF_is_stored_under_a_generated_name_in_the_uploads_folder_and_recorded()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var pdf = Pdf("rapport annuel");

        var (status, _, _) = await SubmitAsync(anonymous, Resource("Rapport annuel"), Bytes(pdf), "Rapport annuel 2025.pdf");

        Assert.Equal(HttpStatusCode.Redirect, status);
        var c = Assert.Single(await app.ContributionsTitledAsync("Rapport annuel"));
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", c.FileName);
        Assert.Equal(("Rapport annuel 2025.pdf", "application/pdf", (long)pdf.Length), (c.FileOriginalName, c.FileContentType, c.FileSize!.Value));
        var path = Path.Combine(app.Factory.Folder, "uploads", c.FileName!);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.GetFiles(app.Store.PartialFolder));
    }

    [Fact]
    public async Task Office_documents_are_recognised_by_their_inner_type_and_a_macro_enabled_one_is_refused()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var docx = Zip(("[Content_Types].xml", ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")), ("word/document.xml", "<w:document/>"));
        var odt = Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"));
        var docm = Zip(("[Content_Types].xml", ContentTypes("application/vnd.ms-word.document.macroEnabled.main+xml")), ("word/vbaProject.bin", "macro"));

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(anonymous, Resource("Fiche DOCX"), Bytes(docx, "application/octet-stream"), "fiche.docx")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(anonymous, Resource("Fiche ODT"), Bytes(odt, "application/octet-stream"), "fiche.odt")).Status);
        var files = app.StoredFiles();
        var (refused, html, _) = await SubmitAsync(anonymous, Resource("Fiche DOCM"), Bytes(docm, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "fiche.docx");

        Assert.Matches("\\.docx$", Assert.Single(await app.ContributionsTitledAsync("Fiche DOCX")).FileName);
        Assert.Equal("application/vnd.oasis.opendocument.text", Assert.Single(await app.ContributionsTitledAsync("Fiche ODT")).FileContentType);
        Assert.Equal(HttpStatusCode.OK, refused);
        Assert.Equal("Ce type de fichier n'est pas accepté : PDF, PNG, JPEG, DOCX, ODT, XLSX, ODS ou PPTX seulement (le contenu du fichier est vérifié, pas son nom).", FieldError(html, "fichier"));
        Assert.Empty(await app.ContributionsTitledAsync("Fiche DOCM"));
        Assert.Equal(files, app.StoredFiles());
    }

    [Fact]
    public async Task HTML_renamed_pdf_is_refused_and_the_form_says_to_choose_the_file_again()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var files = app.StoredFiles();
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");

        var (status, page, _) = await SubmitAsync(anonymous, Resource("Faux PDF"), Bytes(html, "application/pdf"), "rapport.pdf");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Ce type de fichier n'est pas accepté : PDF, PNG, JPEG, DOCX, ODT, XLSX, ODS ou PPTX seulement (le contenu du fichier est vérifié, pas son nom).", FieldError(page, "fichier"));
        Assert.Contains("Votre fichier « rapport.pdf » n'a pas été conservé : choisissez-le à nouveau avant d'envoyer le formulaire.", page, StringComparison.Ordinal);
        Assert.Equal("Faux PDF", InputValue(page, "Input.Title"));
        Assert.Equal("Fondation Exemple", InputValue(page, "Input.Author"));
        Assert.Equal("sam.petit@exemple.org", InputValue(page, "Submitter.Email"));
        Assert.Empty(await app.ContributionsTitledAsync("Faux PDF"));
        Assert.Equal(files, app.StoredFiles());
    }

    [Fact]
    public async Task An_SVG_with_a_script_is_refused()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var files = app.StoredFiles();
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><circle r=\"4\"/></svg>");

        var (status, page, _) = await SubmitAsync(anonymous, Resource("Image SVG"), Bytes(svg, "image/svg+xml"), "affiche.svg");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(FieldError(page, "fichier"));
        Assert.Empty(await app.ContributionsTitledAsync("Image SVG"));
        Assert.Equal(files, app.StoredFiles());
    }

    [Fact]
    public async Task A_path_traversal_file_name_is_stored_safely_under_a_generated_name()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);

        var (status, _, _) = await SubmitAsync(anonymous, Resource("Nom piégé"), Bytes(Pdf()), "../../evil.pdf");

        Assert.Equal(HttpStatusCode.Redirect, status);
        var c = Assert.Single(await app.ContributionsTitledAsync("Nom piégé"));
        Assert.Equal("evil.pdf", c.FileOriginalName);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", c.FileName);
        Assert.True(File.Exists(Path.Combine(app.Store.Folder, c.FileName!)));
        var everywhere = Directory.GetFiles(Path.GetDirectoryName(app.Factory.Folder)!, "evil.pdf", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 3 });
        Assert.Empty(everywhere);
    }

    [Fact]
    public async Task A_JPEG_with_a_GPS_position_is_stored_without_its_metadata()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var jpeg = JpegWithGps();
        using (var original = Image.Load(jpeg))
        {
            Assert.NotNull(original.Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude));
        }

        var (status, _, _) = await SubmitAsync(anonymous, Resource("Affiche photo"), Bytes(jpeg, "image/jpeg"), "affiche.jpg");

        Assert.Equal(HttpStatusCode.Redirect, status);
        var c = Assert.Single(await app.ContributionsTitledAsync("Affiche photo"));
        Assert.Equal("image/jpeg", c.FileContentType);
        var stored = await File.ReadAllBytesAsync(Path.Combine(app.Store.Folder, c.FileName!));
        Assert.Equal(c.FileSize, stored.Length);
        using var image = Image.Load(stored);
        Assert.Equal((48, 32), (image.Width, image.Height));
        Assert.Null(image.Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude));
        Assert.Null(image.Metadata.ExifProfile?.GetValue(ExifTag.Make));
        Assert.Null(image.Metadata.XmpProfile);
        Assert.DoesNotContain("Appareil-Test", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_gets_413_keeps_the_fields_and_leaves_no_file_nor_record()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var files = app.StoredFiles();
        var count = await app.CountAsync();
        var limit = 128L * 1024 * 1024;

        // Sent chunked, as a browser's stream would be read: the server stops at the limit.
        var (status, page, _) = await SubmitAsync(anonymous, Resource("Trop gros"), new GeneratedContent(limit + 1, knownLength: false), "enorme.pdf");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("Le fichier dépasse 128\u00A0Mo : choisissez un fichier plus léger, ou indiquez plutôt un lien vers la ressource.", FieldError(page, "fichier"));
        Assert.Equal("Trop gros", InputValue(page, "Input.Title"));
        Assert.Contains("Votre fichier « enorme.pdf » n'a pas été conservé", page, StringComparison.Ordinal);
        Assert.Equal(count, await app.CountAsync());
        Assert.Equal(files, app.StoredFiles());

        // With a Content-Length over the limit, nothing of the body is read.
        using var declared = await FormAsync(anonymous, Resource("Trop gros aussi"), new GeneratedContent(limit * 2, knownLength: true), "enorme.pdf");
        using var response = await anonymous.Client.PostAsync(new Uri("/contribuer", UriKind.Relative), declared);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(count, await app.CountAsync());
        Assert.Equal(files, app.StoredFiles());
    }

    [Fact]
    public async Task An_upload_interrupted_mid_body_leaves_no_file_and_no_record()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var files = app.StoredFiles();
        var count = await app.CountAsync();

        var content = new GeneratedContent(64L * 1024 * 1024, knownLength: false, stallAfter: 1024 * 1024);
        using var form = await FormAsync(anonymous, Resource("Coupé en route"), content, "coupe.pdf");
        using var connection = new CancellationTokenSource();
        var sending = anonymous.Client.PostAsync(new Uri("/contribuer", UriKind.Relative), form, connection.Token);
        // 1 MB is on its way, then the connection is lost.
        await content.Stalled;
        for (var i = 0; i < 50 && Directory.GetFiles(app.Store.PartialFolder, "*.part").Length == 0; i++)
        {
            await Task.Delay(100);
        }
        Assert.Single(Directory.GetFiles(app.Store.PartialFolder, "*.part"));
        await connection.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        // The server notices the broken body on its own thread: give it a moment to clean up (a bounded wait, no timer in the app).
        for (var i = 0; i < 50 && !app.StoredFiles().SequenceEqual(files); i++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(files, app.StoredFiles());
        Assert.Equal(count, await app.CountAsync());
        Assert.Empty(await app.ContributionsTitledAsync("Coupé en route"));
    }

    [Fact]
    public async Task A_file_is_an_attachment_with_nosniff_and_only_the_coordination_reads_it_before_publication()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var pdf = Pdf("à publier");
        await SubmitAsync(anonymous, Resource("Guide à publier"), Bytes(pdf), "guide été.pdf");
        var c = Assert.Single(await app.ContributionsTitledAsync("Guide à publier"));
        var url = ContributionFiles.Url(c.Id);

        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre);
        using var dgcs = await Browsing.AsAsync(app.Factory, Roles.Dgcs);
        foreach (var someone in new[] { anonymous, member, dgcs })
        {
            using var hidden = await someone.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        using (var early = await app.Coordination.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.True(early.Headers.CacheControl!.NoStore);
            Assert.Equal(pdf, await early.Content.ReadAsByteArrayAsync());
        }

        await app.WithDbAsync(async db =>
        {
            var entity = await db.Contributions.FindAsync(c.Id);
            entity!.Publish(DateTime.UtcNow, "test");
            return await db.SaveChangesAsync();
        });
        using var published = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("application/pdf", published.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", published.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("guide été.pdf", published.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", published.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf, await published.Content.ReadAsByteArrayAsync());

        using var unknown = await anonymous.GetAsync("/contributions/999999/fichier");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static string ContentTypes(string mainType) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="{mainType}"/></Types>""";

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] JpegWithGps()
    {
        using var image = new Image<Rgba32>(48, 32, Color.CornflowerBlue);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(48, 1), new Rational(51, 1), new Rational(2442, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(2, 1), new Rational(21, 1), new Rational(720, 100)]);
        exif.SetValue(ExifTag.Make, "Appareil-Test");
        image.Metadata.ExifProfile = exif;
        using var buffer = new MemoryStream();
        image.SaveAsJpeg(buffer);
        return buffer.ToArray();
    }
}

/// <summary>
/// A PDF-headed body of any size generated on the fly (nothing held in memory), optionally of unknown length
/// (chunked), optionally stalling part-way until the request is cancelled, as a lost connection would.
/// </summary>
public sealed class GeneratedContent(long length, bool knownLength, long? stallAfter = null) : HttpContent
{
    private static readonly byte[] Chunk = CreateChunk();

    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Length { get; } = length;

    /// <summary>Completes once <c>stallAfter</c> bytes are sent.</summary>
    public Task Stalled => _stalled.Task;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        long sent = 0;
        while (sent < Length)
        {
            if (stallAfter is { } stall && sent >= stall)
            {
                await stream.FlushAsync(cancellationToken);
                _stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            var count = (int)Math.Min(Chunk.Length, Length - sent);
            await stream.WriteAsync(Chunk.AsMemory(0, count), cancellationToken);
            sent += count;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return knownLength;
    }

    private static byte[] CreateChunk()
    {
        var chunk = new byte[64 * 1024];
        "%PDF-1.7\n"u8.CopyTo(chunk);
        for (var i = 9; i < chunk.Length; i++)
        {
            chunk[i] = (byte)('a' + (i % 26));
        }
        return chunk;
    }
}
