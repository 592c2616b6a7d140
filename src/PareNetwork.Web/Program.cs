using PareNetwork.Web.Accounts;
using PareNetwork.Web.Api;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Setup;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence();
builder.AddMail();
builder.AddAccounts();
builder.AddCatalog();
builder.AddJobs();
builder.AddBackups();
builder.AddRetention();
builder.AddCoverage();
builder.AddPublicForms();
builder.AddFreshness();
builder.AddNewsletter();
builder.AddPublications();
builder.AddHttpFeatures();
builder.AddContributions();

var app = builder.Build();

await app.InitializeDatabaseAsync();
await app.InitializeAccountsAsync();
if (CreateUserCommand.IsRequested(args))
{
    return await CreateUserCommand.RunAsync(app.Services, args, Console.Out);
}
await app.WarmCatalogAsync();
await app.InitializeCoverageAsync();

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
app.MapCoverageReportsApi();
app.MapCommunesApi();
app.MapPublications();
app.MapRazorPages();
app.MapJobs();
app.MapNewsletter();
app.MapContributionFiles();

await app.RunAsync();
return 0;

public partial class Program;
