using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace PareNetwork.Tests.Infrastructure;

/// <summary>The real app over a real SQLite file in its own temporary folder.</summary>
public sealed class PareAppFactory : WebApplicationFactory<Program>
{
    public PareAppFactory(string? dataSeedPath = null, string? folder = null)
    {
        Folder = folder ?? Directory.CreateTempSubdirectory("pare-tests-").FullName;
        DataSeedPath = dataSeedPath ?? TestSeed;
    }

    public string Folder { get; }

    /// <summary>Runs Hangfire's server; off by default, since tests call jobs directly and never wait for its polling.</summary>
    public bool JobsServer { get; init; }

    /// <summary>Public form submissions allowed per IP and window; high by default, since every test request comes from one address.</summary>
    public int FormsPermitLimit { get; init; } = 10_000;

    public string DataSeedPath { get; }

    /// <summary>The tests' own seed (tests/TestSeed, copied to test-seed/ with the reference data): curating data-seed/ breaks no test.</summary>
    public static string TestSeed => Path.Combine(AppContext.BaseDirectory, "test-seed");

    public string DatabasePath => Path.Combine(Folder, "pare.db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Pare", ConnectionString);
        builder.UseSetting("Pare:Seed:DataPath", DataSeedPath);
        builder.UseSetting("Pare:PublicUrl", "https://localhost");
        builder.UseSetting("Pare:Jobs:Server", JobsServer ? "true" : "false");
        builder.UseSetting("Pare:Forms:PermitLimit", FormsPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the database file directly, outside the app.</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        GC.SuppressFinalize(this);
    }

    /// <summary>Deletes the app's folder; the app may still be writing (keys, outbox files) for a moment after it stops.</summary>
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        for (var attempt = 1; Directory.Exists(Folder); attempt++)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(100);
            }
        }
    }

    public static string RepositoryDataSeed
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PareNetwork.sln")))
            {
                dir = dir.Parent;
            }
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "data-seed");
        }
    }
}

/// <summary>One seeded app shared by the read-only tests of a collection.</summary>
public sealed class SeededApp : IAsyncLifetime
{
    public PareAppFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public T Service<T>() where T : notnull => (T)Factory.Services.GetService(typeof(T))!;

    public Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }
}

[CollectionDefinition(Name)]
public sealed class SeededAppCollection : ICollectionFixture<SeededApp>
{
    public const string Name = "Seeded app";
}
