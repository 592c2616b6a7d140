using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Freshness;
using PareNetwork.Web.History;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Membership;

namespace PareNetwork.Tests.Freshness;

/// <summary>
/// A seeded app of its own whose clock is a <see cref="FakeTimeProvider"/>, set to Monday 1 March 2027 at 06:30 in
/// Paris (the daily job's time); the tests move it forward and call the jobs directly.
/// </summary>
public sealed partial class FreshnessApp : IAsyncDisposable
{
    /// <summary>06:30 in Paris (UTC+1 in March before the change to summer time).</summary>
    public static readonly DateTime Start = new(2027, 3, 1, 5, 30, 0, DateTimeKind.Utc);

    private readonly PareAppFactory _root = new();

    public FreshnessApp(int firstRemindersPerDay = 0)
    {
        Factory = _root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Pare:Freshness:FirstRemindersPerDay", firstRemindersPerDay.ToString(CultureInfo.InvariantCulture));
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time));
        });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(Start));

    public WebApplicationFactory<Program> Factory { get; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public async ValueTask DisposeAsync()
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

    /// <summary>A published structure serving <paramref name="departements"/>, confirmed at <paramref name="confirmedAt"/> (never when null).</summary>
    public Task<int> CreateStructureAsync(string name, DateTime? confirmedAt = null, string? email = null, DateTime? createdAt = null,
        string[]? departements = null, Scope scope = Scope.Departementale) => WithDbAsync(async db =>
    {
        var codes = departements ?? ["67"];
        var structure = new Structure
        {
            Name = name,
            Nature = StructureNature.Association,
            Actions = [StructureAction.Prevention],
            Publics = [StructurePublic.Jeunes],
            Scope = scope,
            Departements = await db.Departements.Where(d => codes.Contains(d.Code)).ToListAsync(),
            Status = StructureStatus.Publiee,
            Email = email,
        };
        if (confirmedAt is { } at)
        {
            structure.Confirm(at, "test");
        }
        db.Structures.Add(structure);
        await db.SaveChangesAsync();
        if (createdAt is { } created)
        {
            await db.Structures.Where(s => s.Id == structure.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, created));
        }
        return structure.Id;
    });

    /// <summary>A new account in the Membre role linked to the structure; returns its address and id.</summary>
    public async Task<(string Email, string UserId)> AddMemberAsync(int structureId, bool deactivated = false)
    {
        var email = $"membre-{Guid.NewGuid():N}@exemple.org";
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, Roles.Membre, Browsing.Password);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PareUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        if (deactivated)
        {
            user.Deactivate(Now);
            await users.UpdateAsync(user);
        }
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        db.StructureMembers.Add(new StructureMember { StructureId = structureId, UserId = user.Id, Since = Now, Origin = "test" });
        await db.SaveChangesAsync();
        return (email, user.Id);
    }

    public async Task<string> RunRemindersAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FreshnessReminderJob>().RunOnceAsync();
    }

    public async Task<string> RunDigestAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FreshnessDigestJob>().RunOnceAsync();
    }

    /// <summary>Delivers the outbox, then reads every message sent so far.</summary>
    public async Task<List<MimeMessage>> MailsAsync()
    {
        await Factory.Services.GetRequiredService<OutboxDelivery>().FlushAsync();
        var folder = Factory.Services.GetRequiredService<PickupFolder>().Path;
        return !Directory.Exists(folder) ? [] : [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).OrderBy(m => m.Date)];
    }

    public async Task<List<MimeMessage>> MailsToAsync(string to) =>
        [.. (await MailsAsync()).Where(m => m.To.Mailboxes.Any(x => x.Address == to))];

    public async Task<Structure> StructureAsync(int id) => await WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Id == id));

    public Task<List<StructureChange>> HistoryAsync(int id) =>
        WithDbAsync(db => db.StructureChanges.AsNoTracking().Where(c => c.StructureId == id).OrderBy(c => c.Id).ToListAsync());

    /// <summary>The « Tout est exact » link of a reminder, as a path and query.</summary>
    public static string ConfirmLink(MimeMessage mail)
    {
        var link = new Uri(ConfirmLinkPattern().Match(mail.TextBody ?? "").Value);
        Assert.Equal("/confirmer-fiche", link.AbsolutePath);
        return link.PathAndQuery;
    }

    public static string Token(string link) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + link).Query)["jeton"]!;

    [GeneratedRegex(@"https://localhost/confirmer-fiche\?jeton=[A-Za-z0-9_\-]+")]
    private static partial Regex ConfirmLinkPattern();
}
