using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PareNetwork.Tests.Api;
using PareNetwork.Tests.Imports;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;
using PareNetwork.Web.Imports;

namespace PareNetwork.Tests.Transfers;

/// <summary>A seeded app of its own, written to by the import tests, with a coordinator signed in.</summary>
public sealed class TransferApp : IAsyncLifetime
{
    public PareAppFactory Factory { get; } = new();

    public Browsing Coordinator { get; private set; } = null!;

    public async Task InitializeAsync() => Coordinator = await Browsing.AsAsync(Factory, Roles.Coordination);

    public async Task<T> WithDbAsync<T>(Func<PareDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PareDbContext>());
    }

    public Task<Structure?> FindAsync(string key) => WithDbAsync(db => db.Structures.AsNoTracking()
        .Include(s => s.Departements).SingleOrDefaultAsync(s => s.ExternalKey == key));

    public async Task DisposeAsync()
    {
        Coordinator.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteFolder();
    }
}

public sealed class ImportExportTests(TransferApp app) : IClassFixture<TransferApp>
{
    /// <summary>The seed's columns and « statut », separated by semicolons.</summary>
    private static readonly string Header = CsvSamples.SemicolonHeader + ";statut\r\n";

    private static string Row(string id, string nom, string departements = "68", string commune = "", string adresse = "",
        string lat = "", string lon = "", string telephones = "", string confidentiel = "non", string description = "",
        string nature = "association", string statut = "publiee") =>
        $"{id};{nom};;{nature};prevention;jeunes;departementale;{departements};{commune};{adresse};{lat};{lon};{telephones};;;;;{confidentiel};{description};test.txt;{statut}\r\n";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private Task<int> CountAsync() => app.WithDbAsync(db => db.Structures.CountAsync());

    [Fact]
    public async Task A_file_with_errors_previews_them_and_applies_nothing()
    {
        var before = await CountAsync();
        var file = Header
            + Row("err-ok", "Structure sans faute")
            + Row("err-nature", "Structure à la nature inconnue", nature: "club")
            + Row("err-dep", "Structure au département inconnu", departements: "20")
            + Row("err-refuge", "Refuge à la commune inconnue", commune: "99999", adresse: "3 impasse Secrète", confidentiel: "oui");

        var preview = await ImportPage.UploadAsync(app.Coordinator, Utf8(file));

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal(3, preview.Count("erreur"));
        Assert.Equal(1, preview.Count("creee"));
        Assert.Equal("créée", preview.Outcomes[2]);
        Assert.Equal("erreur", preview.Outcomes[3]);
        Assert.Contains("ligne 3, champ « nature » : valeur « club » inconnue", preview.Html, StringComparison.Ordinal);
        Assert.Contains("ligne 4, champ « departements »", preview.Html, StringComparison.Ordinal);
        Assert.Contains("ligne 5, champ « commune_insee » : code INSEE inconnu.", preview.Html, StringComparison.Ordinal);
        // A confidential row's values are never echoed.
        Assert.DoesNotContain("99999", preview.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("impasse Secrète", preview.Html, StringComparison.Ordinal);
        Assert.Contains("rien ne sera importé", preview.Html, StringComparison.Ordinal);
        Assert.Null(preview.Token);
        Assert.Equal(before, await CountAsync());

        // A made-up token gets nothing applied either.
        using var forged = await app.Coordinator.PostFormAsync("/admin/import", new Dictionary<string, string>
        {
            ["jeton"] = Guid.NewGuid().ToString("N"),
            ["empreinte"] = "x",
        }, "/admin/import?handler=Appliquer");
        Assert.Contains("plus disponible", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_file_level_error_is_shown_in_French()
    {
        var preview = await ImportPage.UploadAsync(app.Coordinator, [.. "PK\u0003\u0004"u8, 1, 2, 3], "classeur.xlsx");
        Assert.Contains("Le fichier ne peut pas être importé.", preview.Html, StringComparison.Ordinal);
        Assert.Contains("classeur Excel (.xlsx)", preview.Html, StringComparison.Ordinal);
        Assert.Null(preview.Token);
    }

    [Fact]
    public async Task A_valid_file_applies_whole_through_the_import_channel_and_reaches_the_public_api()
    {
        var file = Header
            + Row("valide-un", "Association Valide Un", telephones: "03 89 11 11 11")
            + Row("valide-deux", "Association Valide Deux", departements: "68|67");
        var preview = await ImportPage.UploadAsync(app.Coordinator, Utf8(file));
        Assert.Equal(2, preview.Count("creee"));
        var applied = await ImportPage.ApplyAsync(app.Coordinator, preview);
        Assert.Contains("Import appliqué : 2 structures créées", applied.Html, StringComparison.Ordinal);

        var one = await app.FindAsync("valide-un");
        var two = await app.FindAsync("valide-deux");
        Assert.NotNull(one);
        Assert.Equal(["03 89 11 11 11"], one.Phones);
        Assert.Equal(["67", "68"], two!.Departements.Select(d => d.Code).Order());
        Assert.Equal(StructureStatus.Publiee, one.Status);
        var channels = await app.WithDbAsync(db => db.StructureChanges.Where(c => c.StructureId == one.Id).Select(c => c.Channel).Distinct().ToListAsync());
        Assert.Equal([ChangeChannel.Import], channels);

        // An update of one row: the preview names the changed field; applying changes it and nothing else.
        var update = Header
            + Row("valide-un", "Association Valide Un", telephones: "03 89 22 22 22")
            + Row("valide-deux", "Association Valide Deux", departements: "67|68");
        var second = await ImportPage.UploadAsync(app.Coordinator, Utf8(update));
        Assert.Equal("mise à jour", second.Outcomes[2]);
        Assert.Equal("inchangée", second.Outcomes[3]);
        Assert.Contains("Champs modifiés : telephones", second.Html, StringComparison.Ordinal);
        await ImportPage.ApplyAsync(app.Coordinator, second);
        Assert.Equal(["03 89 22 22 22"], (await app.FindAsync("valide-un"))!.Phones);

        using var anonymous = Browsing.Anonymous(app.Factory);
        using var json = await anonymous.Client.GetJsonAsync("/api/structures?departement=68");
        var feature = Assert.Single(json.Features(), f => f.Prop("nom") == "Association Valide Un");
        Assert.Contains("03 89 22 22 22", feature.PropList("telephones"));
    }

    [Fact]
    public async Task A_preview_gone_stale_is_not_applied()
    {
        var file = Header + Row("perime", "Association Périmée");
        var first = await ImportPage.UploadAsync(app.Coordinator, Utf8(file));
        var second = await ImportPage.UploadAsync(app.Coordinator, Utf8(file));
        await ImportPage.ApplyAsync(app.Coordinator, first);

        // The second preview said « créée »; the structure now exists: nothing is applied, the new plan is shown.
        var stale = await ImportPage.ApplyAsync(app.Coordinator, second);
        Assert.Contains("ont changé depuis l'aperçu", stale.Html, StringComparison.Ordinal);
        Assert.Equal("inchangée", stale.Outcomes[2]);
        Assert.Equal(1, await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Name == "Association Périmée")));
    }

    [Fact]
    public async Task An_error_after_valid_rows_leaves_nothing_written()
    {
        var before = await CountAsync();
        var file = Header + string.Concat(Enumerable.Range(1, 30).Select(i => Row($"lot-{i}", $"Association du lot {i}")))
            + Row("lot-ko", "Association du lot en erreur", departements: "");
        var preview = await ImportPage.UploadAsync(app.Coordinator, Utf8(file));
        Assert.Equal(30, preview.Count("creee"));
        Assert.Equal(1, preview.Count("erreur"));
        Assert.Null(preview.Token);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_Windows_1252_semicolon_file_as_Excel_saves_it_imports_correctly()
    {
        // Accents, a multi-line quoted cell, codes that lost their leading zero, decimal commas.
        var file = Header
            + Row("excel-ecoute", "Maison de l'Écoute « Éléonore »", departements: "1", commune: "1053", adresse: "5 rue Émile-Zola",
                lat: "46,2052", lon: "5,2255", telephones: "474000000",
                description: "\"Première ligne ; suite.\r\nDeuxième ligne, « guillemets » et \"\"doublés\"\".\"");
        var bytes = CsvSamples.Windows1252.GetBytes(file);

        var preview = await ImportPage.UploadAsync(app.Coordinator, bytes);
        Assert.Contains("Windows-1252", preview.Html, StringComparison.Ordinal);
        Assert.Equal(1, preview.Count("creee"));
        await ImportPage.ApplyAsync(app.Coordinator, preview);

        var s = await app.FindAsync("excel-ecoute");
        Assert.NotNull(s);
        Assert.Equal("Maison de l'Écoute « Éléonore »", s.Name);
        Assert.Equal("01053", s.CommuneCode);
        Assert.Equal(["01"], s.Departements.Select(d => d.Code));
        Assert.Equal("5 rue Émile-Zola", s.Address);
        Assert.Equal(LocationPrecision.Adresse, s.LocationPrecision);
        Assert.Equal(46.2052, s.Location!.Y, 6);
        Assert.Equal(5.2255, s.Location.X, 6);
        Assert.Equal(["0474000000"], s.Phones);
        Assert.Equal("Première ligne ; suite.\r\nDeuxième ligne, « guillemets » et \"doublés\".", s.Description);
    }

    [Fact]
    public async Task An_import_that_would_lift_confidentiality_leaves_it_confidential_and_pending()
    {
        var secret = "9 chemin du Refuge Caché";
        await ImportPage.ApplyAsync(app.Coordinator, await ImportPage.UploadAsync(app.Coordinator, Utf8(Header
            + Row("refuge-import", "Refuge de l'import", commune: "68224", adresse: secret, lat: "47,75", lon: "7,34", confidentiel: "oui"))));
        Assert.True((await app.FindAsync("refuge-import"))!.IsConfidential);

        var lift = Header + Row("refuge-import", "Refuge de l'import", commune: "68224", adresse: secret, lat: "47,75", lon: "7,34", confidentiel: "non");
        var preview = await ImportPage.UploadAsync(app.Coordinator, Utf8(lift));
        Assert.Equal("mise à jour", preview.Outcomes[2]);
        Assert.Contains("Reste confidentielle : la demande de publication de l'adresse attendra la validation de la coordination", preview.Html, StringComparison.Ordinal);
        await ImportPage.ApplyAsync(app.Coordinator, preview);

        var s = await app.FindAsync("refuge-import");
        Assert.True(s!.IsConfidential);
        Assert.True(s.HasPendingPublicAddressRequest);
        using var anonymous = Browsing.Anonymous(app.Factory);
        using var json = await anonymous.Client.GetJsonAsync("/api/structures?departement=68");
        var refuge = Assert.Single(json.Features(), f => f.Prop("nom") == "Refuge de l'import").GetRawText();
        Assert.DoesNotContain("Refuge Caché", json.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("68224", refuge, StringComparison.Ordinal);
        Assert.DoesNotContain("47.75", refuge, StringComparison.Ordinal);

        // Again: the request is already pending, the row is unchanged.
        var again = await ImportPage.UploadAsync(app.Coordinator, Utf8(lift));
        Assert.Equal("inchangée", again.Outcomes[2]);
        Assert.Contains("déjà en attente", again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_is_an_uncacheable_attachment_for_French_Excel_with_formulas_neutralised()
    {
        await ImportPage.ApplyAsync(app.Coordinator, await ImportPage.UploadAsync(app.Coordinator, Utf8(Header
            + Row("formule", "\"=HYPERLINK(\"\"https://exemple.org\"\";\"\"clic\"\")\"", telephones: "+33 3 89 00 00 00"))));

        using var response = await app.Coordinator.GetAsync("/admin/export/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.StartsWith(string.Join(';', StructureCsvColumns.All) + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("formule;\"'=HYPERLINK(\"\"https://exemple.org\"\";\"\"clic\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains(";'+33 3 89 00 00 00;", text, StringComparison.Ordinal);

        // Read back, the cell is the name again.
        var read = StructureCsvReader.Read(bytes);
        Assert.Contains(read.Rows, r => r.Row?.Name == "=HYPERLINK(\"https://exemple.org\";\"clic\")");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Export_then_import_round_trips_unchanged(bool includeConfidential)
    {
        // A shelter with a commune and a point, and one without an external key (matched by its name).
        if (await app.FindAsync("aller-retour") is null)
        {
            await ImportPage.ApplyAsync(app.Coordinator, await ImportPage.UploadAsync(app.Coordinator, Utf8(Header
                + Row("aller-retour", "Refuge aller-retour", commune: "68224", adresse: "1 rue Cachée", lat: "47,7", lon: "7,3", confidentiel: "oui"))));
            await app.WithDbAsync(async db =>
            {
                var shelter = new Structure
                {
                    Name = "Refuge sans identifiant",
                    Nature = StructureNature.Etablissement,
                    Actions = [StructureAction.Hebergement],
                    Publics = [StructurePublic.MineursVictimes],
                    Scope = Scope.Locale,
                    Departements = [(await db.Departements.FindAsync("68"))!],
                    Address = "2 rue Cachée",
                    AddressVisibility = AddressVisibility.Confidentielle,
                    PrivateEmail = "direction@refuge.example",
                    Status = StructureStatus.Publiee,
                };
                shelter.PlaceAt(await db.Communes.FindAsync("68195"), null);
                db.Structures.Add(shelter);
                return await db.SaveChangesAsync();
            });
        }

        using var response = includeConfidential
            ? await app.Coordinator.PostFormAsync("/admin/export", new Dictionary<string, string> { ["confidentiel"] = "true" }, "/admin/export/csv")
            : await app.Coordinator.GetAsync("/admin/export/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var total = await CountAsync();

        var preview = await ImportPage.UploadAsync(app.Coordinator, bytes);
        Assert.Equal(total, preview.Count("inchangee"));
        Assert.Equal(0, preview.Count("creee") + preview.Count("mise-a-jour") + preview.Count("erreur"));
        Assert.Contains("Le fichier ne change rien", preview.Html, StringComparison.Ordinal);
        Assert.Null(preview.Token);
        if (!includeConfidential)
        {
            Assert.DoesNotContain("1 rue Cachée", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.Contains("conservés", preview.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_link_cannot_ask_for_a_confidential_export()
    {
        var logsBefore = await app.WithDbAsync(db => db.ExportLogs.CountAsync());

        using var response = await app.Coordinator.GetAsync("/admin/export/csv?confidentiel=true");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("se demande avec le bouton de cette page", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(logsBefore, await app.WithDbAsync(db => db.ExportLogs.CountAsync()));
    }

    [Fact]
    public async Task An_export_with_confidential_data_is_logged_and_listed()
    {
        using (var plain = await app.Coordinator.GetAsync("/admin/export/csv?statut=publiee"))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        }
        var logsBefore = await app.WithDbAsync(db => db.ExportLogs.CountAsync());
        using var response = await app.Coordinator.PostFormAsync("/admin/export",
            new Dictionary<string, string> { ["statut"] = "publiee", ["departement"] = "69", ["confidentiel"] = "true" }, "/admin/export/csv");
        var rows = StructureCsvReader.Read(await response.Content.ReadAsByteArrayAsync()).Rows;

        var log = await app.WithDbAsync(db => db.ExportLogs.OrderByDescending(l => l.Id).FirstAsync());
        Assert.Equal(logsBefore + 1, await app.WithDbAsync(db => db.ExportLogs.CountAsync()));
        Assert.Equal(rows.Count, log.Rows);
        Assert.Equal(rows.Count(r => r.Row!.Confidential), log.ConfidentialRows);
        Assert.True(log.ConfidentialRows > 0);
        Assert.Equal("statut=publiee&departement=69", log.Filter);
        Assert.Equal(app.Coordinator.UserId, log.UserId);
        Assert.DoesNotContain("@", log.UserLabel, StringComparison.Ordinal);

        var page = await app.Coordinator.GetHtmlAsync("/admin/export");
        Assert.Contains(log.UserLabel, page, StringComparison.Ordinal);
        Assert.Contains("statut=publiee&departement=69", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_filter_code_is_a_French_400()
    {
        using var response = await app.Coordinator.GetAsync("/admin/export/csv?statut=perdu");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Statut « perdu » inconnu", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Membre)]
    [InlineData(Roles.Dgcs)]
    public async Task Members_and_the_DGCS_get_403_on_import_and_export(string role)
    {
        var structureId = await app.WithDbAsync(db => db.Structures.Select(s => s.Id).FirstAsync());
        using var browsing = role == Roles.Membre ? await Browsing.AsAsync(app.Factory, role, structureId) : await Browsing.AsAsync(app.Factory, role);
        foreach (var url in new[] { "/admin/import", "/admin/export", "/admin/export/csv", "/admin/export/csv?confidentiel=true" })
        {
            using var get = await browsing.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }
        // A POST with a valid antiforgery token of their own (from the sign-in page) is refused too, and writes nothing.
        var token = await ImportPage.AntiforgeryTokenAsync(browsing, "/connexion");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Utf8(Header + Row("intrus", "Structure intruse"))), "fichier", "x.csv" },
        };
        using var post = await browsing.Client.PostAsync(new Uri("/admin/import?handler=Apercu", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null(await app.FindAsync("intrus"));
    }
}
