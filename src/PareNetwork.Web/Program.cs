using PareNetwork.Web.Accounts;
using PareNetwork.Web.Api;
using PareNetwork.Web.Setup;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence();
builder.AddMail();
builder.AddAccounts();
builder.AddCatalog();
builder.AddJobs();
builder.AddPublicForms();
builder.AddPublications();
builder.AddHttpFeatures();

var app = builder.Build();

await app.InitializeDatabaseAsync();
await app.InitializeAccountsAsync();
if (CreateUserCommand.IsRequested(args))
{
    return await CreateUserCommand.RunAsync(app.Services, args, Console.Out);
}
await app.WarmCatalogAsync();

app.UseForwardedHeaders();
app.UseErrorResponses();
app.UseSecurityHeaders();
app.UseFrenchForPages();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.UseResponseCompression();
app.UseStaticFilesWithCaching();

app.MapHealthChecks("/health");
app.MapDepartementsApi();
app.MapStructuresApi();
app.MapReservedPlacesApi();
app.MapCommunesApi();
app.MapPublications();
app.MapRazorPages();
app.MapJobs();

await app.RunAsync();
return 0;

public partial class Program;
