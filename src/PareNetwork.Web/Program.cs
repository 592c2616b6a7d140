using PareNetwork.Web.Api;
using PareNetwork.Web.Setup;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence();
builder.AddCatalog();
builder.AddHttpFeatures();

var app = builder.Build();

await app.InitializeDatabaseAsync();
await app.WarmCatalogAsync();

app.UseForwardedHeaders();
app.UseErrorResponses();
app.UseSecurityHeaders();
app.UseRouting();
app.UseOutputCache();
app.UseResponseCompression();
app.UseStaticFilesWithCaching();

app.MapHealthChecks("/health");
app.MapDepartementsApi();
app.MapStructuresApi();
app.MapCommunesApi();
app.MapRazorPages();

await app.RunAsync();

public partial class Program;
