using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;
using PareNetwork.Web.Mail;
using PareNetwork.Web.Structures;

namespace PareNetwork.Tests.Pages.Espace;

/// <summary>
/// A seeded app of its own for the member space, the link requests and the invitations: these tests write, and
/// create the structures they change, so the read-only tests of the shared seeded app never see their changes.
/// </summary>
public sealed partial class MemberSpaceApp : IAsyncLifetime
{
    public PareAppFactory Factory { get; } = new();

    public Task InitializeAsync()
    {
        using var client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A new published structure in Strasbourg serving the Bas-Rhin; confidential on request.</summary>
    public async Task<int> CreateStructureAsync(string? name = null, bool confidential = false)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
        var structure = new Structure
        {
            Name = name ?? $"Association test {Guid.NewGuid():N}"[..30],
            Nature = StructureNature.Association,
            Actions = [StructureAction.Prevention],
            Publics = [StructurePublic.Jeunes],
            Scope = Scope.Departementale,
            Departements = await db.Departements.Where(d => d.Code == "67").ToListAsync(),
            Status = StructureStatus.Publiee,
            AddressVisibility = confidential ? AddressVisibility.Confidentielle : AddressVisibility.Publique,
            Address = confidential ? "3 rue Secrète" : "1 place Kléber",
            Phones = ["03 88 00 00 00"],
        };
        structure.PlaceAt(await db.Communes.FindAsync("67482"), null);
        db.Structures.Add(structure);
        await db.SaveChangesAsync();
        return structure.Id;
    }

    /// <summary>Reads a structure as stored now, with its départements.</summary>
    public async Task<Structure> StructureAsync(int id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PareDbContext>().Structures.AsNoTracking()
            .Include(s => s.Departements).SingleAsync(s => s.Id == id);
    }

    public async Task<List<StructureChange>> HistoryAsync(int id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PareDbContext>().StructureChanges.AsNoTracking()
            .Where(c => c.StructureId == id).OrderBy(c => c.Id).ToListAsync();
    }

    /// <summary>Runs <paramref name="work"/> on a context of its own, as another person's request would.</summary>
    public async Task WithDbAsync(Func<PareDbContext, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }

    /// <summary>A confirmed account with no role and no structure (anyone who signed up), signed in, and its address.</summary>
    public async Task<(Browsing Browsing, string Email)> PlainAccountAsync(string? email = null)
    {
        email ??= $"personne-{Guid.NewGuid():N}@exemple.org";
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PareUser>>();
            var created = await users.CreateAsync(new PareUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow }, Browsing.Password);
            Assert.True(created.Succeeded);
        }
        return (await SignInAsync(email), email);
    }

    /// <summary>Signs in again as an existing account (a new session: it carries the account's current roles).</summary>
    public async Task<Browsing> SignInAsync(string email)
    {
        var browsing = Browsing.Anonymous(Factory);
        using var signIn = await browsing.PostFormAsync("/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = Browsing.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browsing;
    }

    public async Task<PareUser> UserAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PareUser>>().FindByEmailAsync(email))!;
    }

    public async Task<bool> IsInRoleAsync(string email, string role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PareUser>>();
        return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, role);
    }

    /// <summary>Delivers the outbox, then reads every message sent to <paramref name="to"/>.</summary>
    public async Task<List<MimeMessage>> MailsToAsync(string to)
    {
        await Service<OutboxDelivery>().FlushAsync();
        var folder = Service<PickupFolder>().Path;
        return !Directory.Exists(folder) ? [] :
            [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(x => x.Address == to))];
    }

    /// <summary>The fields the edit form posts for <paramref name="form"/>, as a browser sends them.</summary>
    public static List<KeyValuePair<string, string>> Fields(StructureForm form) => Browsing.FormFields(form);

    /// <summary>The form of a structure as its edit page would show it now.</summary>
    public async Task<StructureForm> FormOfAsync(int id)
    {
        var structure = await StructureAsync(id);
        return StructureForm.From(structure, DateTime.UtcNow);
    }

    /// <summary>Where a redirect goes, as a path and query (the location may be absolute or relative).</summary>
    public static string Target(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : "";

    /// <summary>The version and opening time written in the edit page's hidden fields.</summary>
    public static (Guid Version, long OpenedAt) HiddenFields(string html) =>
        (Guid.Parse(VersionField().Match(html).Groups[1].Value), long.Parse(OpenedAtField().Match(html).Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("name=\"Form.Version\" value=\"([^\"]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"Form.OpenedAt\" value=\"([^\"]+)\"")]
    private static partial Regex OpenedAtField();
}

[CollectionDefinition(Name)]
public sealed class MemberSpaceCollection : ICollectionFixture<MemberSpaceApp>
{
    public const string Name = "Member space app";
}
