using System.Net;
using PareNetwork.Tests.Infrastructure;
using Xunit.Abstractions;
using static PareNetwork.Tests.Contributions.ContributionsApp;

namespace PareNetwork.Tests.Contributions;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UploadMemoryCollection
{
    public const string Name = "Uploads, mémoire (seul)";
}

/// <summary>
/// A 128 MB upload is streamed, never buffered: what the process allocates while receiving it stays a small fraction
/// of its size. Alone in its collection, so that no other test's allocations are counted.
/// </summary>
[Collection(UploadMemoryCollection.Name)]
public sealed class UploadMemoryTests(ContributionsApp app, ITestOutputHelper output) : IClassFixture<ContributionsApp>
{
    private const long Limit = 128L * 1024 * 1024;

    [Fact]
    public async Task An_oversize_upload_is_refused_with_flat_memory()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        var files = app.StoredFiles();
        var count = await app.CountAsync();
        using var form = await FormAsync(anonymous, Resource("Trop gros, mémoire"), new GeneratedContent(Limit + 64 * 1024, knownLength: false), "enorme.pdf");
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using var response = await anonymous.Client.PostAsync(new Uri("/contribuer", UriKind.Relative), form);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"Allocated while receiving {Limit / 1024 / 1024} MB: {allocated / 1024.0 / 1024.0:0.0} MB");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(count, await app.CountAsync());
        Assert.Equal(files, app.StoredFiles());
        Assert.True(allocated < 32L * 1024 * 1024, $"{allocated} bytes allocated for a {Limit}-byte upload");
    }

    [Fact]
    public async Task A_128_MB_PDF_is_accepted_and_stored_with_flat_memory()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        using var form = await FormAsync(anonymous, Resource("Grand rapport"), new GeneratedContent(Limit, knownLength: true), "grand-rapport.pdf");
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using var response = await anonymous.Client.PostAsync(new Uri("/contribuer", UriKind.Relative), form);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"Allocated while receiving and storing {Limit / 1024 / 1024} MB: {allocated / 1024.0 / 1024.0:0.0} MB");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var c = Assert.Single(await app.ContributionsTitledAsync("Grand rapport"));
        Assert.Equal(Limit, c.FileSize);
        Assert.Equal(Limit, new FileInfo(Path.Combine(app.Store.Folder, c.FileName!)).Length);
        Assert.True(allocated < 32L * 1024 * 1024, $"{allocated} bytes allocated for a {Limit}-byte upload");
    }
}
