using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Api;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Coverage;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;

namespace PareNetwork.Tests.Coverage;

/// <summary>A seeded app of its own: these tests add structures and snapshots.</summary>
public sealed class CoverageApp : IAsyncLifetime
{
    public PareAppFactory Factory { get; } = new();

    public Browsing Dgcs { get; private set; } = null!;

    public async Task InitializeAsync() => Dgcs = await Browsing.AsAsync(Factory, Roles.Dgcs);

    public async Task DisposeAsync()
    {
        Dgcs.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }

    public async Task<T> WithDbAsync<T>(Func<PareDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }

    public async Task<string> RunJobAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<CoverageJob>();
        await job.RunAsync(CancellationToken.None);
        return await WithDbAsync(db => db.JobRuns.Where(r => r.Job == CoverageJob.Id).OrderByDescending(r => r.Id).Select(r => r.Summary).FirstAsync());
    }

    public Task<int> SnapshotCountAsync() => WithDbAsync(db => db.CoverageSnapshots.CountAsync());

    /// <summary>A published structure serving <paramref name="departement"/>, at <paramref name="point"/> in <paramref name="commune"/>.</summary>
    public Task<int> CreateAsync(string name, string departement, StructureAction[] actions, string? commune = null, (double Lat, double Lon)? point = null,
        Scope scope = Scope.Departementale, bool confidential = false, DateTime? confirmedAt = null) => WithDbAsync(async db =>
    {
        var structure = new Structure
        {
            Name = name,
            Nature = StructureNature.Association,
            Actions = [.. actions],
            Publics = [StructurePublic.Jeunes],
            Scope = scope,
            Departements = [await db.Departements.SingleAsync(d => d.Code == departement)],
            Status = StructureStatus.Publiee,
            AddressVisibility = confidential ? AddressVisibility.Confidentielle : AddressVisibility.Publique,
            Address = confidential ? "12 chemin des Secrets" : null,
        };
        structure.PlaceAt(commune is null ? null : await db.Communes.FindAsync(commune), point is { } p ? GeoConstants.Point(p.Lat, p.Lon) : null);
        if (confirmedAt is { } at)
        {
            structure.Confirm(at, "test");
        }
        db.Structures.Add(structure);
        await db.SaveChangesAsync();
        return structure.Id;
    });
}

[CollectionDefinition(Name)]
public sealed class CoverageAppCollection : ICollectionFixture<CoverageApp>
{
    public const string Name = "Coverage app";
}

[Collection(CoverageAppCollection.Name)]
public sealed class CoverageReportsTests(CoverageApp app)
{
    private static readonly string[] ExpectedCsvColumns =
    [
        "code", "nom", "region", "population", "structures_locales", "structures_regionales", "structures_nationales",
        "structures_par_action_prevention", "structures_par_action_reperage", "structures_par_action_ecoute-orientation",
        "structures_par_action_accompagnement-educatif", "structures_par_action_hebergement", "structures_par_action_soins",
        "structures_par_action_juridique", "structures_par_action_formation", "structures_par_action_soutien-parents",
        "structures_par_action_pair-aidance", "structures_par_action_coordination", "structures_par_action_signalement",
        "structures_pour_100000", "part_population_30km", "structures_locales_sans_point", "part_a_jour", "actions_manquantes",
        "score", "classe",
    ];

    private static readonly string[] ExpectedProperties =
    [
        "code", "nom", "region", "population", "structures_locales", "structures_regionales", "structures_nationales",
        "structures_par_action", "structures_pour_100000", "part_population_30km", "structures_locales_sans_point", "part_a_jour",
        "actions_manquantes", "score", "classe",
    ];

    [Fact]
    public async Task A_fresh_install_has_a_snapshot_of_the_101_departements_taken_at_start_up()
    {
        var first = await app.WithDbAsync(db => db.CoverageSnapshots.Include(s => s.Departements).Include(s => s.Regions).OrderBy(s => s.Id).FirstAsync());
        Assert.Equal(101, first.Departements.Count);
        Assert.Equal(18, first.Regions.Count);
        Assert.Equal(CoverageMethod.Version, first.MethodVersion);
        Assert.Equal(30, first.RadiusKm);
        // The tests' seed: 34 published structures, 13 of them national.
        Assert.Equal(34, first.PublishedStructures);
        Assert.All(first.Departements, d => Assert.Equal(13, d.NationalStructures));
        var run = await app.WithDbAsync(db => db.JobRuns.Where(r => r.Job == CoverageJob.Id).OrderBy(r => r.Id).FirstAsync());
        Assert.True(run.Succeeded);
        Assert.StartsWith("Instantané enregistré : 101 départements, ", run.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_right_after_stores_nothing()
    {
        await app.RunJobAsync();
        var count = await app.SnapshotCountAsync();

        var summary = await app.RunJobAsync();

        Assert.Equal(count, await app.SnapshotCountAsync());
        Assert.StartsWith("Aucun changement depuis l'instantané du ", summary, StringComparison.Ordinal);
        Assert.EndsWith(" : rien d'enregistré.", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confidential_structure_counts_at_its_true_place_while_the_public_apis_show_none_of_it()
    {
        var point = (Lat: 44.5181, Lon: 3.5006);
        var id = await app.CreateAsync("Refuge discret de Lozère", "48", [StructureAction.Hebergement], commune: "48095", point: point, confidential: true);

        await app.RunJobAsync();
        var lozere = await app.WithDbAsync(db => db.CoverageSnapshots.OrderByDescending(s => s.Id)
            .SelectMany(s => s.Departements.Where(d => d.Code == "48")).FirstAsync());

        // Brute force over Lozère's communes, against the STRtree of the job.
        var geo = app.Factory.Services.GetRequiredService<GeoReference>();
        var communes = geo.Communes.Where(c => c.DepartementCode == "48" && c.Latitude is not null).ToList();
        long total = communes.Sum(c => (long)c.Population);
        long within = communes.Where(c => GreatCircle.DistanceKm(point.Lat, point.Lon, c.Latitude!.Value, c.Longitude!.Value) <= 30).Sum(c => (long)c.Population);
        Assert.True(within > 0 && within < total);
        Assert.Equal((1, total, within), (lozere.LocalStructures, lozere.CommunesPopulation, lozere.PopulationWithinRadius));
        Assert.Equal(Math.Round((double)within / total, 4, MidpointRounding.AwayFromZero), lozere.ShareWithinRadius);
        Assert.Equal(0, lozere.LocalWithoutPoint);

        // The public catalogue holds no point for it; the public APIs show it at département level only.
        var catalog = await app.Factory.Services.GetRequiredService<StructureCatalog>().GetAsync();
        var published = catalog.ById[id];
        Assert.Equal((null, null, null, null), (published.Latitude, published.Longitude, published.CommuneCode, published.Address));
        using var anonymous = Browsing.Anonymous(app.Factory);
        foreach (var url in new[] { "/api/structures", "/api/structures?departement=48", "/api/structures?action=hebergement", "/api/structures/around?commune=48095" })
        {
            var body = await (await anonymous.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("12 chemin des Secrets", body, StringComparison.Ordinal);
            Assert.DoesNotContain("44.5181", body, StringComparison.Ordinal);
            Assert.DoesNotContain("3.5006", body, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(body);
            var feature = doc.Features().Single(f => f.Prop("id") == id.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(JsonValueKind.Null, feature.GetProperty("geometry").ValueKind);
            Assert.False(feature.GetProperty("properties").TryGetProperty("commune", out _));
        }
        var nearby = await (await anonymous.GetAsync("/api/structures/nearby?commune=48095&limit=200")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Refuge discret", nearby, StringComparison.Ordinal);

        // Nor do the report's own exports, which carry département figures only.
        var geojson = await (await app.Dgcs.GetAsync("/api/rapports/couverture/latest.geojson")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Refuge discret", geojson, StringComparison.Ordinal);
        Assert.DoesNotContain("12 chemin des Secrets", geojson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_share_up_to_date_reads_each_local_structures_freshness()
    {
        var now = DateTime.UtcNow;
        await app.CreateAsync("Point écoute du Cantal", "15", [StructureAction.EcouteOrientation], commune: "15014", confirmedAt: now.AddDays(-10));
        await app.CreateAsync("Prévention du Cantal", "15", [StructureAction.Prevention], confirmedAt: now.AddMonths(-7));

        await app.RunJobAsync();
        var cantal = await app.WithDbAsync(db => db.CoverageSnapshots.OrderByDescending(s => s.Id)
            .SelectMany(s => s.Departements.Where(d => d.Code == "15")).FirstAsync());

        // One confirmed ten days ago (à jour), one seven months ago with a six-month frequency (en retard).
        Assert.Equal(2, cantal.LocalStructures);
        Assert.Equal(0.5, cantal.ShareUpToDate);
        Assert.Equal(["reperage", "accompagnement-educatif", "hebergement", "formation", "soutien-parents"], cantal.MissingActions);
    }

    [Fact]
    public async Task A_new_snapshot_shows_what_changed_since_the_one_before()
    {
        await app.RunJobAsync();
        var before = await app.SnapshotCountAsync();
        // La Creuse has no local structure in the tests' seed: « non couvert », score 100.
        await app.CreateAsync("Maison des ados de Guéret", "23", [StructureAction.EcouteOrientation, StructureAction.Prevention, StructureAction.Formation],
            commune: "23096", scope: Scope.Locale);

        await app.RunJobAsync();

        Assert.Equal(before + 1, await app.SnapshotCountAsync());
        var html = await app.Dgcs.GetHtmlAsync("/rapports");
        var evolution = html[html.IndexOf("id=\"tableau-evolution\"", StringComparison.Ordinal)..];
        evolution = evolution[..evolution.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("Creuse (23)", evolution, StringComparison.Ordinal);
        Assert.Contains("non couvert → ", evolution, StringComparison.Ordinal);
        Assert.Contains("0 → 1 (+1)", evolution, StringComparison.Ordinal);
        Assert.Contains("1 département a changé", html, StringComparison.Ordinal);

        var detail = await app.Dgcs.GetHtmlAsync("/rapports/departements/23");
        Assert.Contains("était « non couvert »", detail, StringComparison.Ordinal);
        Assert.Contains("id=\"graphique-historique\"", detail, StringComparison.Ordinal);
        Assert.Contains("/lib/chart.js/dist/chart.umd.min.js", detail, StringComparison.Ordinal);
        var history = detail[detail.IndexOf("id=\"tableau-historique\"", StringComparison.Ordinal)..];
        Assert.True(history.Split("<tr>").Length - 2 >= 2, "two snapshots at least in the history");
    }

    [Fact]
    public async Task The_csv_has_a_bom_semicolons_the_exact_columns_and_one_row_per_departement()
    {
        using var response = await app.Dgcs.GetAsync("/api/rapports/couverture/latest.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Matches(@"^couverture-pare-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExpectedCsvColumns, lines[0].Split(';'));
        Assert.Equal(102, lines.Length);
        Assert.All(lines, l => Assert.Equal(ExpectedCsvColumns.Length, l.Split(';').Length));

        // Haut-Rhin in the tests' seed: Mouvement du Nid (départementale, prevention, in Mulhouse) is its one local structure.
        var hautRhin = lines.Single(l => l.StartsWith("68;", StringComparison.Ordinal)).Split(';');
        var cell = ExpectedCsvColumns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => hautRhin[x.i]);
        Assert.Equal("Haut-Rhin", cell["nom"]);
        Assert.Equal("Grand Est", cell["region"]);
        Assert.Equal("1", cell["structures_locales"]);
        Assert.Equal("13", cell["structures_nationales"]);
        Assert.Equal("0", cell["part_population_30km"]);
        Assert.Equal("reperage|ecoute-orientation|accompagnement-educatif|hebergement|formation|soutien-parents", cell["actions_manquantes"]);
        Assert.Contains(",", cell["structures_pour_100000"], StringComparison.Ordinal);
        Assert.Equal("faible", cell["classe"]);
    }

    [Fact]
    public async Task The_geojson_holds_each_departements_geometry_and_exactly_the_published_properties()
    {
        using var response = await app.Dgcs.GetAsync("/api/rapports/couverture/latest.geojson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(CoverageMethod.Version, doc.RootElement.GetProperty("version_methode").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$", doc.RootElement.GetProperty("date").GetString());
        var features = doc.Features().ToList();
        Assert.Equal(101, features.Count);
        Assert.All(features, f =>
        {
            Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
            Assert.Equal(ExpectedProperties, f.GetProperty("properties").EnumerateObject().Select(p => p.Name));
            Assert.Equal(Vocabulary.Actions.All.Select(a => a.Code), f.GetProperty("properties").GetProperty("structures_par_action").EnumerateObject().Select(p => p.Name));
        });
        var hautRhin = features.Single(f => f.Prop("code") == "68").GetProperty("properties");
        Assert.Equal(1, hautRhin.GetProperty("structures_locales").GetInt32());
        Assert.Equal(JsonValueKind.Array, hautRhin.GetProperty("actions_manquantes").ValueKind);
        Assert.Equal("faible", hautRhin.GetProperty("classe").GetString());
    }

    [Fact]
    public async Task The_table_is_sorted_by_the_server_without_a_script()
    {
        static string FirstRow(string html)
        {
            var body = html[html.IndexOf("<tbody>", html.IndexOf("id=\"tableau-couverture\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
            var start = body.IndexOf("/rapports/departements/", StringComparison.Ordinal) + "/rapports/departements/".Length;
            return body[start..body.IndexOf('"', start)];
        }

        Assert.Equal("01", FirstRow(await app.Dgcs.GetHtmlAsync("/rapports?tri=code&ordre=asc")));
        Assert.Equal("976", FirstRow(await app.Dgcs.GetHtmlAsync("/rapports?tri=code&ordre=desc")));
        Assert.Equal("59", FirstRow(await app.Dgcs.GetHtmlAsync("/rapports?tri=population&ordre=desc")));
        Assert.Equal("01", FirstRow(await app.Dgcs.GetHtmlAsync("/rapports?tri=nom")));
        var html = await app.Dgcs.GetHtmlAsync("/rapports?tri=inconnu&ordre=n'importe");
        Assert.Contains("aria-sort=\"descending\" data-tri=\"score\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/rapports?tri=score&ordre=asc#tableau-titre\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_a_snapshot_queues_the_job_and_says_so()
    {
        var monitoring = app.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var queued = monitoring.EnqueuedCount("default");

        using var response = await app.Dgcs.PostFormAsync("/rapports", [], "/rapports?handler=Calculer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(queued + 1, monitoring.EnqueuedCount("default"));
        var page = await app.Dgcs.GetHtmlAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Le calcul d'un nouvel instantané est lancé", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_method_page_gives_the_formula_and_the_thresholds()
    {
        var html = await app.Dgcs.GetHtmlAsync("/rapports/methode");
        Assert.Contains("score = arrondi( 100 × ( 0,4 × (1 − part_population_30km)", html, StringComparison.Ordinal);
        Assert.Contains("faible</strong> : score de 60 à 100", html, StringComparison.Ordinal);
        Assert.Contains("partiel</strong> : score de 30 à 59", html, StringComparison.Ordinal);
        Assert.Contains("soit un score de 47", html, StringComparison.Ordinal);
    }
}
