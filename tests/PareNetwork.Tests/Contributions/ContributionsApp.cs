using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Tests.Transfers;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Contributions;
using PareNetwork.Web.Contributions.Uploads;
using PareNetwork.Web.Data;
using PareNetwork.Web.Mail;

namespace PareNetwork.Tests.Contributions;

/// <summary>A seeded app of its own for the contribution tests, with a coordination account, and the form as a browser posts it.</summary>
public sealed partial class ContributionsApp : IAsyncLifetime
{
    public PareAppFactory Factory { get; } = new();

    public Browsing Coordination { get; private set; } = null!;

    public UploadStore Store => Factory.Services.GetRequiredService<UploadStore>();

    public async Task InitializeAsync() => Coordination = await Browsing.AsAsync(Factory, Roles.Coordination);

    public async Task DisposeAsync()
    {
        Coordination.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }

    public async Task<T> WithDbAsync<T>(Func<PareDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }

    public Task<List<Contribution>> ContributionsTitledAsync(string title) =>
        WithDbAsync(db => db.Contributions.AsNoTracking().Where(c => c.Title == title).ToListAsync());

    public Task<Contribution> ContributionAsync(int id) => WithDbAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.Id == id));

    public Task<int> CountAsync() => WithDbAsync(db => db.Contributions.CountAsync());

    /// <summary>Every file under uploads/ and uploads.tmp/ (none may be left by a refused or interrupted upload).</summary>
    public string[] StoredFiles() => [.. new[] { Store.Folder, Store.PartialFolder }.Where(Directory.Exists).SelectMany(f => Directory.GetFiles(f, "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal)];

    /// <summary>A published structure of the test seed (id, name).</summary>
    public Task<(int Id, string Name)> PublishedStructureAsync() => WithDbAsync(async db =>
    {
        var s = await db.Structures.AsNoTracking().Where(s => s.Status == PareNetwork.Web.Domain.StructureStatus.Publiee).OrderBy(s => s.Id).FirstAsync();
        return (s.Id, s.Name);
    });

    public static Dictionary<string, string> Event(string title) => new()
    {
        ["Input.Kind"] = "evenement",
        ["Input.Title"] = title,
        ["Input.StartDate"] = "2027-03-12",
        ["Input.StartTime"] = "14:30",
        ["Input.EndDate"] = "2027-03-12",
        ["Input.EndTime"] = "17:00",
        ["Input.Place"] = "Maison des associations, 12 rue de la Paix, Mulhouse",
        ["Input.Organiser"] = "Association Exemple",
        ["Input.Audience"] = "Professionnels de la protection de l'enfance",
        ["Input.Speakers"] = "Dr Martin, Mme Leroy",
        ["Input.Price"] = "Gratuit",
        ["Input.RegistrationUrl"] = "https://exemple.org/inscription",
        ["Input.EventDescription"] = "Une après-midi d'échanges sur le repérage.",
        ["Submitter.Name"] = "Camille Durand",
        ["Submitter.Email"] = "camille.durand@exemple.org",
        ["Submitter.Consent"] = "true",
    };

    public static Dictionary<string, string> News(string title) => new()
    {
        ["Input.Kind"] = "actualite",
        ["Input.Title"] = title,
        ["Input.Territory"] = "Hauts-de-France",
        ["Input.NewsText"] = "Le réseau s'agrandit : trois nouvelles associations nous rejoignent.",
        ["Input.NewsLink"] = "https://exemple.org/actualite",
        ["Submitter.Name"] = "Lou Martin",
        ["Submitter.Email"] = "lou.martin@exemple.org",
        ["Submitter.Consent"] = "true",
    };

    public static Dictionary<string, string> Resource(string title) => new()
    {
        ["Input.Kind"] = "ressource",
        ["Input.Title"] = title,
        ["Input.ResourceKind"] = "guide",
        ["Input.Author"] = "Fondation Exemple",
        ["Input.Summary"] = "Un guide pour repérer les signaux d'alerte.",
        ["Input.ResourceLink"] = "https://exemple.org/guide.pdf",
        ["Submitter.Name"] = "Sam Petit",
        ["Submitter.Email"] = "sam.petit@exemple.org",
        ["Submitter.Consent"] = "true",
    };

    /// <summary>The form as the page posts it: the antiforgery token first, the fields, then the file last.</summary>
    public static async Task<MultipartFormDataContent> FormAsync(Browsing browsing, IEnumerable<KeyValuePair<string, string>> fields, HttpContent? file = null, string fileName = "document.pdf")
    {
        var token = await ImportPage.AntiforgeryTokenAsync(browsing, "/contribuer");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        if (file is not null)
        {
            form.Add(file, ContribuerField, fileName);
        }
        else
        {
            // What a browser sends when no file is chosen.
            var empty = new ByteArrayContent([]);
            empty.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            empty.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{ContribuerField}\"; filename=\"\"");
            form.Add(empty);
        }
        return form;
    }

    public const string ContribuerField = "fichier";

    public static async Task<(HttpStatusCode Status, string Html, string? Location)> SubmitAsync(Browsing browsing, IEnumerable<KeyValuePair<string, string>> fields, HttpContent? file = null, string fileName = "document.pdf")
    {
        using var form = await FormAsync(browsing, fields, file, fileName);
        using var response = await browsing.Client.PostAsync(new Uri("/contribuer", UriKind.Relative), form);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), response.Headers.Location?.OriginalString);
    }

    public static ByteArrayContent Bytes(byte[] content, string contentType = "application/pdf")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return file;
    }

    public static byte[] Pdf(string text = "Bonjour") => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>Delivers the outbox, then reads every message sent to <paramref name="to"/>.</summary>
    public async Task<List<MimeMessage>> MailsToAsync(string to)
    {
        await Factory.Services.GetRequiredService<OutboxDelivery>().FlushAsync();
        var folder = Factory.Services.GetRequiredService<PickupFolder>().Path;
        return !Directory.Exists(folder) ? [] :
            [.. Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(x => x.Address == to))];
    }

    /// <summary>The French error shown beside a field (its id is the field's name in lower case, dots as dashes).</summary>
    public static string? FieldError(string html, string id) =>
        Regex.Match(html, $"id=\"{Regex.Escape(id)}-erreur\" class=\"erreur-champ\"[^>]*>(?<m>[^<]+)<") is { Success: true } m ? m.Groups["m"].Value : null;

    /// <summary>The value re-shown in an input.</summary>
    public static string? InputValue(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"(?<v>[^\"]*)\"") is { Success: true } m ? m.Groups["v"].Value : null;
}
