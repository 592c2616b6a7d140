using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace PareNetwork.Benchmarks;

/// <summary>The real app (Program.cs, every middleware) in-process on a TestServer, in Production, over the given SQLite file.</summary>
public sealed class PareAppFactory(string dbPath) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // The factory looks for MvcTestingAppManifest.json in the current directory only; `dotnet run --project` keeps the caller's.
        builder.UseSolutionRelativeContentRoot(Path.Combine("src", "PareNetwork.Web"));
        builder.UseSetting("ConnectionStrings:Pare", StructureGenerator.ConnectionString(dbPath));
        builder.UseSetting("Pare:PublicUrl", "https://localhost");
        // Console logging would be measured along with the app: warnings and errors only.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A client that neither follows redirects nor decompresses: what comes back is what went on the wire.</summary>
    public HttpClient CreateRawClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
