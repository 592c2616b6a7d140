using Microsoft.Data.Sqlite;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data.Seeding;

namespace PareNetwork.Tests.Publications;

/// <summary>data-seed/resources.csv and the tests' own copy: loaded once, published, all or nothing, French errors naming the line.</summary>
public sealed class ContributionSeedingTests
{
    [Fact]
    public async Task The_repository_seed_loads_the_newsletter_items_once_and_a_second_start_adds_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("pare-seed-").FullName;
        try
        {
            (long Total, long Events, long News, long Resources, long Published) first;
            await using (var app = new PareAppFactory(PareAppFactory.RepositoryDataSeed, folder))
            {
                using var client = app.CreateClient();
                first = Counts(app);
                using var db = app.OpenDatabase();
                Assert.Equal(
                    "2023-11-14 13:30:00|2023-11-14 15:30:00|En visio sur Teams|1",
                    Scalar(db, "SELECT StartsAt || '|' || EndsAt || '|' || Place || '|' || Online FROM Contributions WHERE Title LIKE 'Webinaire PARÉ%'"));
                // Stated twice in the newsletter (title and text): 24 October, 20:00 in Paris.
                Assert.Equal("2023-10-24 18:00:00", Scalar(db, "SELECT StartsAt FROM Contributions WHERE Title LIKE '%Noémie dit oui%'"));
                // Days only: from Paris midnight of the first day to Paris midnight after the last.
                Assert.Equal("2023-11-21 23:00:00|2023-11-23 23:00:00", Scalar(db, "SELECT StartsAt || '|' || EndsAt FROM Contributions WHERE Title LIKE 'Colloque annuel de la prévention spécialisée%'"));
                Assert.Equal("seed:003_d005263f61a08afb.txt", Scalar(db, "SELECT DISTINCT Source FROM Contributions"));
                Assert.Equal("0", Scalar(db, "SELECT COUNT(*) FROM Contributions WHERE Link IS NOT NULL OR RegistrationUrl IS NOT NULL"));
                Assert.Equal("Koutcha", Scalar(db, "SELECT s.Name FROM Contributions c JOIN Structures s ON s.Id = c.StructureId WHERE c.Title LIKE '18 octobre%'"));
            }
            await using (var app = new PareAppFactory(PareAppFactory.RepositoryDataSeed, folder))
            {
                using var client = app.CreateClient();
                Assert.Equal(first, Counts(app));
            }

            Assert.Equal((29, 11, 11, 7, 29), first);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_seeded_item_the_coordination_deleted_does_not_come_back()
    {
        var folder = Directory.CreateTempSubdirectory("pare-seed-").FullName;
        try
        {
            await using (var app = new PareAppFactory(folder: folder))
            {
                using var client = app.CreateClient();
                using var db = app.OpenDatabase();
                using var delete = new SqliteCommand("DELETE FROM Contributions WHERE Title LIKE 'Vademecum%'", db);
                Assert.Equal(1, delete.ExecuteNonQuery());
            }
            await using (var app = new PareAppFactory(folder: folder))
            {
                using var client = app.CreateClient();
                Assert.Equal(11, Counts(app).Total);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_malformed_row_stops_the_whole_seed_and_nothing_is_written()
    {
        var dataSeed = SeedWith("2023-11-14 14:30", "14/11/2023");
        var app = new PareAppFactory(dataSeedPath: dataSeed);
        try
        {
            var error = Assert.Throws<SeedDataException>(() => app.CreateClient());

            Assert.Equal("resources.csv, ligne 2, champ « starts_at » : date « 14/11/2023 » illisible (aaaa-mm-jj ou aaaa-mm-jj hh:mm, heure de Paris).", error.Message);
            using var db = app.OpenDatabase();
            Assert.Equal(("0", "0", "0", "0"), (Scalar(db, "SELECT COUNT(*) FROM Contributions"), Scalar(db, "SELECT COUNT(*) FROM Structures"), Scalar(db, "SELECT COUNT(*) FROM Communes"), Scalar(db, "SELECT COUNT(*) FROM SeedKeys")));
        }
        finally
        {
            await app.DisposeAsync();
            app.DeleteFolder();
            Directory.Delete(dataSeed, recursive: true);
        }
    }

    [Theory]
    [InlineData(",droit-d-enfance,", ",inconnue-au-bataillon,", "resources.csv, ligne 2, champ « structure » : structure « inconnue-au-bataillon » inconnue (l'id d'une ligne de structures.csv).")]
    [InlineData(",evenement,", ",conference,", "resources.csv, ligne 2, champ « kind » : type « conference » inconnu (evenement, actualite ou ressource).")]
    [InlineData("t-webinaire,", "T Webinaire,", "resources.csv, ligne 2, champ « id » : identifiant « T Webinaire » invalide (lettres minuscules, chiffres et tirets).")]
    [InlineData("2023-11-14 16:30", "2023-11-14 12:00", "resources.csv, ligne 2, champ « ends_at » : la fin doit suivre le début.")]
    [InlineData("2023-11-14 16:30", "2023-11-15", "resources.csv, ligne 2, champ « ends_at » : le début et la fin sont tous deux des jours (2023-11-22), ou tous deux des jours et heures (2023-11-22 14:30).")]
    [InlineData("2023-11-14 14:30,2023-11-14 16:30", "2026-03-29 02:30,2026-03-29 04:00", "resources.csv, ligne 2, champ « starts_at » : « 2026-03-29 02:30 » n'existe pas à Paris (passage à l'heure d'été).")]
    [InlineData("https://example.org/inscription-webinaire", "javascript:alert(1)", "resources.csv, ligne 2, champ « registration_url » : « javascript:alert(1) » n'est pas une adresse web (http ou https).")]
    [InlineData(",oui,", ",peut-être,", "resources.csv, ligne 2, champ « online » : « peut-être » : oui ou non.")]
    [InlineData("003_d005263f61a08afb.txt", "", "resources.csv, ligne 2, champ « source » : au moins un fichier source est obligatoire.")]
    public void A_malformed_row_is_reported_with_its_file_line_and_field(string from, string to, string message)
    {
        var dataSeed = SeedWith(from, to);
        try
        {
            var structureKeys = File.ReadLines(Path.Combine(dataSeed, "structures.csv")).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]);
            var structures = structureKeys.Select((key, i) => (key, i + 1)).ToDictionary(p => p.key, p => p.Item2, StringComparer.Ordinal);
            string[] departements = [.. Enumerable.Range(1, 95).Where(n => n != 20).Select(n => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture)), "2A", "2B", "971", "972", "973", "974", "976"];

            var error = Assert.Throws<SeedDataException>(() => ContributionSeeder.Read(
                Path.Combine(dataSeed, "resources.csv"), structures, new HashSet<string>(), departements.ToHashSet(), DateTime.UtcNow));

            Assert.Equal(message, error.Message);
        }
        finally
        {
            Directory.Delete(dataSeed, recursive: true);
        }
    }

    /// <summary>A copy of the tests' seed whose first resources.csv row has <paramref name="from"/> replaced by <paramref name="to"/>.</summary>
    private static string SeedWith(string from, string to)
    {
        var dataSeed = Directory.CreateTempSubdirectory("pare-dataseed-").FullName;
        foreach (var file in Directory.GetFiles(PareAppFactory.TestSeed))
        {
            File.Copy(file, Path.Combine(dataSeed, Path.GetFileName(file)));
        }
        var resources = Path.Combine(dataSeed, "resources.csv");
        var lines = File.ReadAllLines(resources);
        Assert.Contains(from, lines[1], StringComparison.Ordinal);
        lines[1] = lines[1].Replace(from, to, StringComparison.Ordinal);
        File.WriteAllLines(resources, lines);
        return dataSeed;
    }

    private static (long Total, long Events, long News, long Resources, long Published) Counts(PareAppFactory app)
    {
        using var db = app.OpenDatabase();
        long Count(string where) => long.Parse(Scalar(db, "SELECT COUNT(*) FROM Contributions" + where)!, System.Globalization.CultureInfo.InvariantCulture);
        return (Count(""), Count(" WHERE Kind = 'Evenement'"), Count(" WHERE Kind = 'Actualite'"), Count(" WHERE Kind = 'Ressource'"), Count(" WHERE Status = 'Publiee'"));
    }

    private static string? Scalar(SqliteConnection db, string sql)
    {
        using var command = new SqliteCommand(sql, db);
        return command.ExecuteScalar() switch { null or DBNull => null, var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) };
    }
}
