using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Tests.Transfers;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using Xunit.Abstractions;

namespace PareNetwork.Tests.Security;

/// <summary>Who asks: the five personas of the matrix.</summary>
public enum Persona
{
    Anonymous,
    MemberOfA,
    MemberOfB,
    Dgcs,
    Coordination,
}

/// <summary>What a persona must get: a page or answer (200), the sign-in (302 to /connexion), a refusal (403), or another status.</summary>
public readonly record struct Expect(HttpStatusCode Status, string? Location = null)
{
    public static readonly Expect Ok = new(HttpStatusCode.OK);
    public static readonly Expect SignIn = new(HttpStatusCode.Redirect, "/connexion");
    public static readonly Expect Forbidden = new(HttpStatusCode.Forbidden);
    public static readonly Expect NotFound = new(HttpStatusCode.NotFound);

    public static Expect RedirectTo(string location) => new(HttpStatusCode.Redirect, location);

    public override string ToString() => Location is null ? $"{(int)Status}" : $"{(int)Status} → {Location}";
}

/// <summary>
/// One route of the matrix and what each persona gets. <c>{A}</c>, <c>{B}</c> and <c>{shelter}</c> in the path are
/// the public pages (or ids) of structure A, structure B and a confidential structure. A POST carries a valid
/// antiforgery token of the persona's own session, so that only authorization decides.
/// </summary>
public sealed record RouteCase(string Method, string Path, Expect Anonymous, Expect MemberOfA, Expect MemberOfB, Expect Dgcs, Expect Coordination)
{
    public Expect For(Persona persona) => persona switch
    {
        Persona.Anonymous => Anonymous,
        Persona.MemberOfA => MemberOfA,
        Persona.MemberOfB => MemberOfB,
        Persona.Dgcs => Dgcs,
        _ => Coordination,
    };

    /// <summary>Everyone gets the same answer.</summary>
    public static RouteCase All(string method, string path, Expect expect) => new(method, path, expect, expect, expect, expect, expect);

    /// <summary>The back office: sign-in for the anonymous, 403 for members and the DGCS, the page for the coordination.</summary>
    public static RouteCase CoordinationOnly(string method, string path) =>
        new(method, path, Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Forbidden, Expect.Ok);

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>The five personas, signed in once through the real sign-in page, over a seeded app of their own.</summary>
public sealed class MatrixApp : IAsyncLifetime
{
    public PareAppFactory Factory { get; } = new();

    public Dictionary<Persona, Browsing> Personas { get; } = [];

    public Dictionary<string, string> Placeholders { get; } = [];

    public async Task InitializeAsync()
    {
        int a, b;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PareDbContext>();
            var structures = await db.Structures.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
            var open = structures.Where(s => !s.IsConfidential).ToList();
            var (structureA, structureB) = (open[0], open[1]);
            var shelter = structures.First(s => s.IsConfidential);
            (a, b) = (structureA.Id, structureB.Id);
            Placeholders["{A}"] = $"/structures/{a}/{structureA.Slug}";
            Placeholders["{B}"] = $"/structures/{b}/{structureB.Slug}";
            Placeholders["{shelter}"] = $"/structures/{shelter.Id}/{shelter.Slug}";
            Placeholders["{idA}"] = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Placeholders["{idB}"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Placeholders["{shelterId}"] = shelter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Placeholders["{pendingId}"] = (await AddContributionWithFileAsync(scope.ServiceProvider, published: false)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Placeholders["{publishedId}"] = (await AddContributionWithFileAsync(scope.ServiceProvider, published: true)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        Personas[Persona.Anonymous] = Browsing.Anonymous(Factory);
        Personas[Persona.MemberOfA] = await Browsing.AsAsync(Factory, Roles.Membre, a);
        Personas[Persona.MemberOfB] = await Browsing.AsAsync(Factory, Roles.Membre, b);
        Personas[Persona.Dgcs] = await Browsing.AsAsync(Factory, Roles.Dgcs);
        Personas[Persona.Coordination] = await Browsing.AsAsync(Factory, Roles.Coordination);
    }

    /// <summary>A resource with a stored PDF, pending or published (written directly: the form is tested elsewhere).</summary>
    private static async Task<int> AddContributionWithFileAsync(IServiceProvider services, bool published)
    {
        var store = services.GetRequiredService<PareNetwork.Web.Contributions.Uploads.UploadStore>();
        var name = PareNetwork.Web.Contributions.Uploads.UploadStore.NewStoredName(PareNetwork.Web.Contributions.Uploads.UploadedFileType.Pdf);
        var partial = store.NewPartialPath();
        await File.WriteAllTextAsync(partial, "%PDF-1.4\n%%EOF\n");
        store.Commit(partial, name);
        var db = services.GetRequiredService<PareDbContext>();
        var contribution = new PareNetwork.Web.Contributions.Contribution
        {
            Kind = PareNetwork.Web.Contributions.ContributionKind.Ressource,
            Title = published ? "Ressource publiée de la matrice" : "Ressource en attente de la matrice",
            ResourceKind = "guide",
            SubmittedAt = DateTime.UtcNow,
            FileName = name,
            FileOriginalName = "guide.pdf",
            FileContentType = "application/pdf",
            FileSize = 15,
        };
        if (published)
        {
            contribution.Publish(DateTime.UtcNow, "matrice");
        }
        db.Contributions.Add(contribution);
        await db.SaveChangesAsync();
        return contribution.Id;
    }

    public string Resolve(string path) => Placeholders.Aggregate(path, (p, kv) => p.Replace(kv.Key, kv.Value, StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        foreach (var browsing in Personas.Values)
        {
            browsing.Dispose();
        }
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }
}

/// <summary>
/// Role × route matrix: every page and endpoint of the app, for each of the five personas, with the expected status.
/// Add a route to <see cref="Routes"/> when you add one to the app (the member space and the back office add theirs).
/// </summary>
public sealed class RoleRouteMatrixTests(MatrixApp app, ITestOutputHelper output) : IClassFixture<MatrixApp>
{
    public static readonly IReadOnlyList<RouteCase> Routes =
    [
        // Public pages and APIs: the same for everyone.
        RouteCase.All("GET", "/", Expect.Ok),
        RouteCase.All("GET", "/liste", Expect.Ok),
        RouteCase.All("GET", "/liste?departement=68", Expect.Ok),
        RouteCase.All("GET", "/discretion", Expect.Ok),
        RouteCase.All("GET", "/resultats?commune=68224", Expect.Ok),
        RouteCase.All("GET", "/departements/68", Expect.Ok),
        RouteCase.All("GET", "/departements/00", Expect.NotFound),
        RouteCase.All("GET", "{A}", Expect.Ok),
        RouteCase.All("GET", "{B}", Expect.Ok),
        RouteCase.All("GET", "{shelter}", Expect.Ok),
        RouteCase.All("GET", "/structures/{shelterId}/mise-en-relation", Expect.Ok),
        RouteCase.All("GET", "/structures/{idA}/mise-en-relation", Expect.NotFound),
        RouteCase.All("GET", "/structures/999999", Expect.NotFound),
        RouteCase.All("GET", "/health", Expect.Ok),
        RouteCase.All("GET", "/api/departements", Expect.Ok),
        RouteCase.All("GET", "/api/structures", Expect.Ok),
        RouteCase.All("GET", "/api/structures?departement=68&action=prevention", Expect.Ok),
        RouteCase.All("GET", "/api/structures/nearby?commune=68224", Expect.Ok),
        RouteCase.All("GET", "/api/structures/around?commune=68224", Expect.Ok),
        RouteCase.All("GET", "/api/communes/search?q=mulh", Expect.Ok),
        new("GET", "/api/structures/confidentielles", new(HttpStatusCode.Unauthorized), Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        RouteCase.All("GET", "/api/inconnue", Expect.NotFound),
        RouteCase.All("GET", "/Error", Expect.NotFound),

        // Resource centre and agenda (test seed: item 1 is the webinar, item 9 the book), public for everyone.
        RouteCase.All("GET", "/ressources", Expect.Ok),
        RouteCase.All("GET", "/ressources?type=ressource&theme=fugue&region=75&departement=33&public=professionnels&annee=2022&q=mineur", Expect.Ok),
        RouteCase.All("GET", "/ressources/9/violences-sexuelles-entre-mineurs-agir-prevenir-guerir", Expect.Ok),
        RouteCase.All("GET", "/ressources/999999", Expect.NotFound),
        RouteCase.All("GET", "/ressources.atom", Expect.Ok),
        RouteCase.All("GET", "/agenda", Expect.Ok),
        RouteCase.All("GET", "/agenda?region=44", Expect.Ok),
        RouteCase.All("GET", "/agenda/archives", Expect.Ok),
        RouteCase.All("GET", "/agenda/1/webinaire-pare-echange-de-pratiques-france-belgique-et-quebec", Expect.Ok),
        RouteCase.All("GET", "/agenda/999999", Expect.NotFound),
        RouteCase.All("GET", "/agenda/1.ics", Expect.Ok),
        RouteCase.All("GET", "/agenda/999999.ics", Expect.NotFound),
        RouteCase.All("GET", "/agenda.ics", Expect.Ok),

        // Accounts.
        RouteCase.All("GET", "/connexion", Expect.Ok),
        RouteCase.All("POST", "/connexion", Expect.Ok),
        RouteCase.All("GET", "/inscription", Expect.Ok),
        RouteCase.All("POST", "/inscription", Expect.Ok),
        RouteCase.All("GET", "/mot-de-passe-oublie", Expect.Ok),
        RouteCase.All("POST", "/mot-de-passe-oublie", Expect.Ok),
        RouteCase.All("GET", "/reinitialiser-mot-de-passe", Expect.Ok),
        RouteCase.All("GET", "/confirmer-courriel", Expect.Ok),
        new("GET", "/deconnexion", Expect.SignIn, Expect.Ok, Expect.Ok, Expect.Ok, Expect.Ok),
        RouteCase.All("GET", "/invitation", Expect.Ok),

        // « Je représente cette structure »: any signed-in person may ask.
        new("GET", "/structures/{idA}/representer", Expect.SignIn, Expect.Ok, Expect.Ok, Expect.Ok, Expect.Ok),
        new("POST", "/structures/{idA}/representer", Expect.SignIn, Expect.Ok, Expect.Ok, Expect.Ok, Expect.Ok),

        // Member space: members (and the coordination), each on their own structures only.
        new("GET", "/espace", Expect.SignIn, Expect.Ok, Expect.Ok, Expect.Ok, Expect.Ok),
        new("GET", "/espace/structures/{idA}", Expect.SignIn, Expect.Ok, Expect.Forbidden, Expect.Forbidden, Expect.Ok),
        new("GET", "/espace/structures/{idB}", Expect.SignIn, Expect.Forbidden, Expect.Ok, Expect.Forbidden, Expect.Ok),
        new("POST", "/espace/structures/{idB}", Expect.SignIn, Expect.Forbidden, Expect.Ok, Expect.Forbidden, Expect.Ok),
        new("POST", "/espace/structures/{idB}?handler=Confirmer", Expect.SignIn, Expect.Forbidden, Expect.RedirectTo("/espace"), Expect.Forbidden, Expect.RedirectTo("/espace")),

        // Back office.
        RouteCase.CoordinationOnly("GET", "/admin"),
        RouteCase.CoordinationOnly("GET", "/admin/structures"),
        RouteCase.CoordinationOnly("GET", "/admin/structures?statut=publiee&departement=68"),
        RouteCase.CoordinationOnly("GET", "/admin/structures/nouvelle"),
        RouteCase.CoordinationOnly("POST", "/admin/structures/nouvelle"),
        RouteCase.CoordinationOnly("GET", "/admin/structures/{idA}"),
        RouteCase.CoordinationOnly("GET", "/admin/structures/{shelterId}"),
        RouteCase.CoordinationOnly("POST", "/admin/structures/{idA}"),
        RouteCase.CoordinationOnly("GET", "/admin/historique"),
        RouteCase.CoordinationOnly("GET", "/admin/doublons"),
        RouteCase.CoordinationOnly("GET", "/admin/demandes"),
        RouteCase.CoordinationOnly("GET", "/admin/invitations"),
        RouteCase.CoordinationOnly("POST", "/admin/invitations"),
        RouteCase.CoordinationOnly("GET", "/admin/comptes"),
        RouteCase.CoordinationOnly("GET", "/admin/taches"),
        RouteCase.CoordinationOnly("GET", "/admin/mises-en-relation"),
        RouteCase.CoordinationOnly("GET", "/admin/adhesions"),
        new("POST", "/admin/adhesions?handler=Accepter", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Forbidden, Expect.NotFound),
        RouteCase.All("GET", "/adhesion", Expect.Ok),
        new("POST", "/admin/mises-en-relation?handler=Transmettre", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Forbidden, Expect.NotFound),
        RouteCase.CoordinationOnly("GET", "/admin/jobs"),
        RouteCase.CoordinationOnly("GET", "/admin/jobs/recurring"),

        // Back office: import and export.
        RouteCase.CoordinationOnly("GET", "/admin/import"),
        RouteCase.CoordinationOnly("POST", "/admin/import?handler=Apercu"),
        RouteCase.CoordinationOnly("POST", "/admin/import?handler=Appliquer"),
        RouteCase.CoordinationOnly("GET", "/admin/export"),
        RouteCase.CoordinationOnly("GET", "/admin/export?statut=publiee&departement=68"),
        RouteCase.CoordinationOnly("GET", "/admin/export/csv"),
        new("GET", "/admin/export/csv?confidentiel=true", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Forbidden, new(HttpStatusCode.BadRequest)),
        RouteCase.CoordinationOnly("POST", "/admin/export/csv"),

        // Back office: the outbox.
        RouteCase.CoordinationOnly("GET", "/admin/courriels"),
        new("POST", "/admin/courriels?handler=Reessayer&id=00000000-0000-0000-0000-000000000000", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Forbidden, Expect.NotFound),
        new("POST", "/admin/courriels?handler=ToutReessayer", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Forbidden, Expect.RedirectTo("/admin/courriels")),
        // Freshness: the reminder's « Tout est exact » link needs no sign-in (here without a valid token: the French refusal).
        RouteCase.All("GET", "/confirmer-fiche", Expect.Ok),
        RouteCase.All("GET", "/confirmer-fiche?jeton=inconnu", Expect.Ok),
        RouteCase.All("POST", "/confirmer-fiche", Expect.Ok),
        RouteCase.CoordinationOnly("GET", "/admin/structures?fraicheur=obsolete"),
        // Coverage reports: the DGCS and the coordination.
        new("GET", "/rapports", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        new("GET", "/rapports?tri=nom&ordre=asc", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        new("POST", "/rapports?handler=Calculer", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.RedirectTo("/rapports"), Expect.RedirectTo("/rapports")),
        new("GET", "/rapports/departements/68", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        new("GET", "/rapports/departements/2A", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        new("GET", "/rapports/departements/00", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.NotFound, Expect.NotFound),
        new("GET", "/rapports/methode", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        new("GET", "/rapports/impression", Expect.SignIn, Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        new("GET", "/api/rapports/couverture/latest.csv", new(HttpStatusCode.Unauthorized), Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        new("GET", "/api/rapports/couverture/latest.geojson", new(HttpStatusCode.Unauthorized), Expect.Forbidden, Expect.Forbidden, Expect.Ok, Expect.Ok),
        new("POST", "/api/rapports/couverture/latest.csv", new(HttpStatusCode.MethodNotAllowed), new(HttpStatusCode.MethodNotAllowed), new(HttpStatusCode.MethodNotAllowed), new(HttpStatusCode.MethodNotAllowed), new(HttpStatusCode.MethodNotAllowed)),
        // Newsletter: the public form and its links for everyone; the counts and the export for the coordination.
        RouteCase.All("GET", "/newsletter", Expect.Ok),
        RouteCase.All("POST", "/newsletter", Expect.Ok),
        RouteCase.All("GET", "/newsletter?envoye=true", Expect.Ok),
        RouteCase.All("GET", "/newsletter/confirmer?jeton=inconnu", Expect.Ok),
        RouteCase.All("POST", "/newsletter/confirmer?jeton=inconnu", Expect.Ok),
        RouteCase.All("GET", "/newsletter/desabonnement?jeton=inconnu", Expect.Ok),
        RouteCase.All("POST", "/newsletter/desabonnement?jeton=inconnu", Expect.Ok),
        RouteCase.All("GET", "/newsletter/desabonnement/un-clic?jeton=inconnu", Expect.RedirectTo("/newsletter/desabonnement")),
        RouteCase.All("POST", "/newsletter/desabonnement/un-clic?jeton=inconnu", new(HttpStatusCode.BadRequest)),
        RouteCase.CoordinationOnly("GET", "/admin/newsletter"),
        RouteCase.CoordinationOnly("POST", "/admin/newsletter/csv"),
        // Contributions: the public form, the moderation, and a pending item's file (hidden, 404, from everyone but the coordination).
        RouteCase.All("GET", "/contribuer", Expect.Ok),
        RouteCase.All("POST", "/contribuer", Expect.Ok),
        RouteCase.CoordinationOnly("GET", "/admin/contributions"),
        RouteCase.CoordinationOnly("GET", "/admin/contributions?statut=toutes&type=ressource"),
        RouteCase.CoordinationOnly("GET", "/admin/contributions/{pendingId}"),
        RouteCase.CoordinationOnly("POST", "/admin/contributions/{pendingId}?handler=Enregistrer"),
        RouteCase.CoordinationOnly("POST", "/admin/contributions/{pendingId}?handler=Refuser"),
        RouteCase.CoordinationOnly("POST", "/admin/contributions/{pendingId}?handler=Doublon"),
        new("GET", "/contributions/{pendingId}/fichier", Expect.NotFound, Expect.NotFound, Expect.NotFound, Expect.NotFound, Expect.Ok),
        RouteCase.All("GET", "/contributions/{publishedId}/fichier", Expect.Ok),
    ];

    public static IEnumerable<object[]> Cases =>
        from route in Routes
        from persona in Enum.GetValues<Persona>()
        select new object[] { route.Method, route.Path, persona };

    /// <summary>Routes × personas: the figure the README gives.</summary>
    public static int Size => Routes.Count * Enum.GetValues<Persona>().Length;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_persona_gets_the_expected_status(string method, string path, Persona persona)
    {
        var route = Routes.Single(r => r.Method == method && r.Path == path);
        var expected = route.For(persona);
        var browsing = app.Personas[persona];
        var url = app.Resolve(path);

        using var response = method == "GET"
            ? await browsing.GetAsync(url)
            : await PostAsync(browsing, url);

        var location = response.Headers.Location?.OriginalString;
        output.WriteLine($"{persona} {method} {url} → {(int)response.StatusCode} {location}");
        Assert.Equal(expected.Status, response.StatusCode);
        if (expected.Location is { } wanted)
        {
            Assert.NotNull(location);
            Assert.StartsWith(wanted, new Uri(new Uri("https://localhost"), location).AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_matrix_covers_five_personas_on_every_route()
    {
        Assert.Equal(Routes.Count, Routes.Select(r => (r.Method, r.Path)).Distinct().Count());
        Assert.Equal(Routes.Count * 5, Size);
        output.WriteLine($"Role × route matrix: {Routes.Count} routes × 5 personas = {Size} cases.");
    }

    /// <summary>An empty form (multipart, as the import page's), with the persona's own antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsync(Browsing browsing, string url)
    {
        var token = await ImportPage.AntiforgeryTokenAsync(browsing, "/connexion");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        return await browsing.Client.PostAsync(new Uri(url, UriKind.Relative), form);
    }
}
