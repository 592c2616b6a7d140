using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data;
using PareNetwork.Web.Retention;

namespace PareNetwork.Tests.Retention;

/// <summary>An app of its own on a clock that never moves, so that each test's rows are exactly as old as it says.</summary>
public sealed class RetentionApp : IAsyncLifetime
{
    public static readonly DateTime Now = new(2027, 6, 15, 10, 0, 0, DateTimeKind.Utc);

    private readonly PareAppFactory _root = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(Now));

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public PareAppFactory Root => _root;

    public Task InitializeAsync()
    {
        Factory = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time)));
        _ = Factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _root.DisposeAsync();
        _root.DeleteFolder();
    }

    public async Task<T> WithDbAsync<T>(Func<PareDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }

    public Task WithDbAsync(Func<PareDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>Runs the retention job as Hangfire would, and returns the summary it recorded.</summary>
    public async Task<string> RunJobAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
        var run = await scope.ServiceProvider.GetRequiredService<PareDbContext>().JobRuns
            .Where(r => r.Job == RetentionJob.Id).OrderByDescending(r => r.Id).FirstAsync();
        Assert.True(run.Succeeded, run.Summary);
        return run.Summary;
    }

    public Task<int> AnyStructureIdAsync() => WithDbAsync(db => db.Structures.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
}
