using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Tests.Pages.Admin;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Jobs;

namespace PareNetwork.Tests.Jobs;

public sealed class JobsFoundationTests(AdminApp app) : IClassFixture<AdminApp>
{
    [Fact]
    public async Task The_dashboard_refuses_a_request_forwarded_by_a_local_proxy()
    {
        using var anonymous = Browsing.Anonymous(app.Factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await anonymous.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/connexion", response.Headers.Location!.OriginalString.Replace("https://localhost", ""));

        using var member = await Browsing.AsAsync(app.Factory, Roles.Membre);
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs/recurring");
        forwarded.Headers.Add("X-Forwarded-For", "127.0.0.1");
        using var refused = await member.Client.SendAsync(forwarded);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_alone_allows_inline_styles()
    {
        using var dashboard = await app.Coordination.Client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("style-src 'self' 'unsafe-inline'", dashboard.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self';", dashboard.Headers.GetValues("Content-Security-Policy").Single());

        using var page = await app.Coordination.Client.GetAsync("/admin/taches");
        Assert.Contains("style-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_run_is_recorded_with_its_summary_and_a_failure_with_its_exception_type_only()
    {
        var recorder = app.Factory.Services.GetRequiredService<JobRecorder>();
        var job = $"essai-{Guid.NewGuid():N}"[..20];
        Assert.Equal("3 éléments traités", await recorder.RunAsync(job, _ => Task.FromResult("3 éléments traités")));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            recorder.RunAsync(job, _ => throw new InvalidOperationException("marie.dupont@exemple.org introuvable")));

        var runs = await app.WithDbAsync(db => db.JobRuns.Where(r => r.Job == job).OrderBy(r => r.Id).ToListAsync());
        Assert.Collection(runs,
            ok => Assert.Equal((true, "3 éléments traités"), (ok.Succeeded, ok.Summary)),
            failed => Assert.Equal((false, "Échec : InvalidOperationException"), (failed.Succeeded, failed.Summary)));
        Assert.All(runs, r => Assert.True(r.FinishedAt >= r.StartedAt));
    }
}
