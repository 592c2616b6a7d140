using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Membership;

namespace PareNetwork.Tests.Infrastructure;

/// <summary>
/// A person using the app through its pages: anonymous, or signed in through /connexion with a role (and, for a
/// member, links to structures). Forms are posted with their antiforgery token, as a browser would.
/// </summary>
public sealed partial class Browsing : IDisposable
{
    public const string Password = "lanterne-verger-rivière-42";

    private Browsing(HttpClient client, string? email, string? userId)
    {
        Client = client;
        Email = email;
        UserId = userId;
    }

    public HttpClient Client { get; }

    public string? Email { get; }

    public string? UserId { get; }

    /// <summary>The session cookie(s) the sign-in set, as a Cookie header (« pare.session=… »), to replay against another app.</summary>
    public string? SessionCookie { get; private set; }

    /// <summary>The session cookie is Secure outside Development: the client speaks HTTPS.</summary>
    public static HttpClient NewClient(WebApplicationFactory<Program> factory) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
    });

    public static Browsing Anonymous(WebApplicationFactory<Program> factory) => new(NewClient(factory), null, null);

    /// <summary>Creates an account in <paramref name="role"/>, links it to <paramref name="structureIds"/>, and signs in.</summary>
    public static async Task<Browsing> AsAsync(WebApplicationFactory<Program> factory, string role, params int[] structureIds)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@exemple.org";
        string userId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountBootstrap>().CreateAsync(email, role, Password);
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PareUser>>();
            userId = (await users.FindByEmailAsync(email))!.Id;
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            foreach (var id in structureIds)
            {
                db.StructureMembers.Add(new StructureMember { StructureId = id, UserId = userId, Since = DateTime.UtcNow, Origin = "test" });
            }
            await db.SaveChangesAsync();
        }
        var browsing = new Browsing(NewClient(factory), email, userId);
        using var signIn = await browsing.PostFormAsync("/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {role} failed: {signIn.StatusCode}.");
        }
        browsing.SessionCookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("pare.session", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        return browsing;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Client.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<string> GetHtmlAsync(string url)
    {
        using var response = await GetAsync(url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads the antiforgery token of <paramref name="page"/>, then posts <paramref name="fields"/> to <paramref name="action"/> (default: the page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, Dictionary<string, string> fields, string? action = null)
    {
        using var get = await GetAsync(page);
        var html = await get.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {page} ({get.StatusCode}).");
        }
        var pairs = fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).ToList();
        pairs.Add(KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups["value"].Value)));
        using var content = new FormUrlEncodedContent(pairs);
        return await Client.PostAsync(new Uri(action ?? page, UriKind.Relative), content);
    }

    /// <summary>Posts form fields where a name may repeat (checkboxes, multiple selects).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        using var get = await GetAsync(page);
        var html = await get.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {page} ({get.StatusCode}).");
        }
        var pairs = fields.ToList();
        pairs.Add(KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups["value"].Value)));
        using var content = new FormUrlEncodedContent(pairs);
        return await Client.PostAsync(new Uri(action ?? page, UriKind.Relative), content);
    }

    /// <summary>The fields the structure form (Pages/Shared/_StructureForm) posts for <paramref name="form"/>, as a browser sends them.</summary>
    public static List<KeyValuePair<string, string>> FormFields(PareNetwork.Web.Structures.StructureForm form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value) => fields.Add(KeyValuePair.Create("Form." + name, value ?? ""));
        Add(nameof(form.Version), form.Version.ToString());
        Add(nameof(form.OpenedAt), form.OpenedAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(nameof(form.Name), form.Name);
        Add(nameof(form.Acronym), form.Acronym);
        Add(nameof(form.Nature), form.Nature);
        Add(nameof(form.Description), form.Description);
        form.Actions.ForEach(a => Add(nameof(form.Actions), a));
        form.Publics.ForEach(p => Add(nameof(form.Publics), p));
        Add(nameof(form.Scope), form.Scope);
        form.Departements.ForEach(d => Add(nameof(form.Departements), d));
        Add(nameof(form.Address), form.Address);
        Add(nameof(form.Commune), form.Commune);
        Add(nameof(form.Latitude), form.Latitude);
        Add(nameof(form.Longitude), form.Longitude);
        if (form.Confidential)
        {
            Add(nameof(form.Confidential), "true");
        }
        Add(nameof(form.Phones), form.Phones);
        Add(nameof(form.Email), form.Email);
        Add(nameof(form.Website), form.Website);
        Add(nameof(form.SocialAccounts), form.SocialAccounts);
        Add(nameof(form.OpeningHours), form.OpeningHours);
        Add(nameof(form.PrivateEmail), form.PrivateEmail);
        Add(nameof(form.PrivatePhone), form.PrivatePhone);
        Add(nameof(form.PrivateAddress), form.PrivateAddress);
        return fields;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
