using Microsoft.Data.Sqlite;
using PareNetwork.Tests.Infrastructure;
using PareNetwork.Web.Data.Seeding;

namespace PareNetwork.Tests.Data;

public class SeedingTests
{
    [Fact]
    public async Task A_first_start_creates_and_seeds_and_a_second_start_changes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("pare-seed-").FullName;
        try
        {
            DatabaseState first;
            await using (var app = new PareAppFactory(folder: folder))
            {
                using var client = app.CreateClient();
                Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
                first = DatabaseState.Read(app);
            }

            DatabaseState second;
            await using (var app = new PareAppFactory(folder: folder))
            {
                using var client = app.CreateClient();
                Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
                second = DatabaseState.Read(app);
            }

            Assert.Equal(18, first.Regions);
            Assert.Equal(101, first.Departements);
            Assert.Equal(34_875, first.Communes);
            Assert.Equal(CountCsvRows(Path.Combine(PareAppFactory.TestSeed, "structures.csv")), first.Structures);
            Assert.True(first.StructureChanges >= first.Structures, "every seeded structure has its creation in the history");
            Assert.Equal(first, second);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_malformed_structure_row_stops_the_seed_naming_file_line_and_field_and_writes_nothing()
    {
        var (error, state, _) = await StartWithCorruptedStructures(lines =>
        {
            lines[3] = lines[3].Replace(",ligne-ecoute,", ",helpline,", StringComparison.Ordinal).Replace(",association,", ",helpline,", StringComparison.Ordinal).Replace(",fondation,", ",helpline,", StringComparison.Ordinal);
            Assert.Contains(",helpline,", lines[3], StringComparison.Ordinal);
            return lines;
        });

        Assert.Equal("structures.csv, ligne 4, champ « nature » : valeur « helpline » inconnue (valeurs admises : association, fondation, service-public, etablissement, police, ligne-ecoute).", error.Message);
        Assert.Equal(DatabaseState.Empty, state);
    }

    [Fact]
    public async Task A_row_with_an_unknown_departement_is_reported_with_its_line_and_field()
    {
        var (error, state, line) = await StartWithCorruptedStructures(lines => [.. lines, "essai,Essai,,association,prevention,jeunes,departementale,99,,,,,,,,,,non,,test.txt,publiee,,,,6,"]);

        Assert.Equal($"structures.csv, ligne {line}, champ « departements » : département « 99 » inconnu (codes admis : 01 à 95, 2A, 2B, 971 à 976).", error.Message);
        Assert.Equal(DatabaseState.Empty, state);
    }

    [Fact]
    public async Task A_row_with_a_missing_column_is_reported_with_its_line()
    {
        var (error, state, line) = await StartWithCorruptedStructures(lines => [.. lines, "essai,Essai,,association"]);

        Assert.StartsWith($"structures.csv, ligne {line}, champ", error.Message, StringComparison.Ordinal);
        Assert.Equal(DatabaseState.Empty, state);
    }

    [Fact]
    public async Task A_non_finite_latitude_is_refused_without_echoing_the_value()
    {
        var (error, state, line) = await StartWithCorruptedStructures(lines => [.. lines, "essai,Essai,,association,prevention,jeunes,departementale,68,,,NaN,7.3,,,,,,oui,,test.txt,publiee,,,,6,"]);

        Assert.Equal($"structures.csv, ligne {line}, champ « latitude » : valeur invalide (degrés décimaux entre -90 et 90).", error.Message);
        Assert.Equal(DatabaseState.Empty, state);
    }

    [Fact]
    public async Task A_row_drawing_on_several_seed_files_keeps_them_all_as_its_source()
    {
        var dataSeed = CopyOfDataSeed();
        File.AppendAllLines(Path.Combine(dataSeed, "structures.csv"), ["essai,Essai,,association,prevention,jeunes,departementale,68,,,,,,,,,,non,, a.txt | b.txt |,publiee,,,,6,"]);
        var app = new PareAppFactory(dataSeedPath: dataSeed);
        try
        {
            using (app.CreateClient())
            {
            }
            using var db = app.OpenDatabase();
            string? SourceOf(string id)
            {
                using var command = new SqliteCommand("SELECT Source FROM Structures WHERE ExternalKey = $id", db);
                command.Parameters.AddWithValue("$id", id);
                return command.ExecuteScalar() as string;
            }

            Assert.Equal("seed:a.txt|b.txt", SourceOf("essai"));
            Assert.Equal("seed:001_4179829d7324f70d.txt|003_d005263f61a08afb.txt", SourceOf("droit-d-enfance"));
            Assert.Equal("seed:003_d005263f61a08afb.txt", SourceOf("koutcha"));
        }
        finally
        {
            await app.DisposeAsync();
            app.DeleteFolder();
            Directory.Delete(dataSeed, recursive: true);
        }
    }

    [Fact]
    public async Task The_seed_file_sets_status_private_contact_update_frequency_and_confirmation_date()
    {
        var dataSeed = CopyOfDataSeed();
        File.AppendAllLines(Path.Combine(dataSeed, "structures.csv"),
            ["essai-attente,Essai en attente,,association,prevention,jeunes,departementale,68,,,,,,,,,,non,,test.txt,en-attente,direction@exemple.org,06 00 00 00 01,,3,15/11/2026"]);
        var app = new PareAppFactory(dataSeedPath: dataSeed);
        try
        {
            using (var client = app.CreateClient())
            {
                Assert.DoesNotContain("Essai en attente", await client.GetStringAsync(new Uri("/api/structures", UriKind.Relative)), StringComparison.Ordinal);
            }
            using var db = app.OpenDatabase();
            using var command = new SqliteCommand("SELECT Status, PrivateEmail, PrivatePhone, UpdateFrequencyMonths, ConfirmedAt FROM Structures WHERE ExternalKey = 'essai-attente'", db);
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            // 15 November 2026 at midnight in Paris (UTC+1) is 23:00 UTC the day before.
            Assert.Equal(("EnAttente", "direction@exemple.org", "06 00 00 00 01", 3L, "2026-11-14 23:00:00"),
                (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
        }
        finally
        {
            await app.DisposeAsync();
            app.DeleteFolder();
            Directory.Delete(dataSeed, recursive: true);
        }
    }

    [Fact]
    public async Task A_row_without_a_source_is_refused()
    {
        var (error, state, line) = await StartWithCorruptedStructures(lines => [.. lines, "essai,Essai,,association,prevention,jeunes,departementale,68,,,,,,,,,,non,, | ,publiee,,,,6,"]);

        Assert.Equal($"structures.csv, ligne {line}, champ « source » : au moins un fichier source est obligatoire.", error.Message);
        Assert.Equal(DatabaseState.Empty, state);
    }

    /// <summary>
    /// Starts the app on a copy of data-seed/ whose structures.csv went through <paramref name="corrupt"/>;
    /// returns the error, what the database holds, and the number of the file's last line.
    /// </summary>
    private static async Task<(SeedDataException Error, DatabaseState State, int LastLine)> StartWithCorruptedStructures(Func<string[], string[]> corrupt)
    {
        var dataSeed = CopyOfDataSeed();
        var structures = Path.Combine(dataSeed, "structures.csv");
        var lines = corrupt(File.ReadAllLines(structures));
        File.WriteAllLines(structures, lines);
        var app = new PareAppFactory(dataSeedPath: dataSeed);
        try
        {
            var error = Assert.Throws<SeedDataException>(() => app.CreateClient());
            return (error, DatabaseState.Read(app), lines.Length);
        }
        finally
        {
            await app.DisposeAsync();
            app.DeleteFolder();
            Directory.Delete(dataSeed, recursive: true);
        }
    }

    private static string CopyOfDataSeed()
    {
        var target = Directory.CreateTempSubdirectory("pare-dataseed-").FullName;
        foreach (var file in Directory.GetFiles(PareAppFactory.TestSeed))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return target;
    }

    private static int CountCsvRows(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var count = 0;
        while (csv.Read())
        {
            count++;
        }
        return count;
    }

    private sealed record DatabaseState(long Regions, long Departements, long Communes, long Structures, string StructureStamps, long StructureChanges)
    {
        public static readonly DatabaseState Empty = new(0, 0, 0, 0, "", 0);

        public static DatabaseState Read(PareAppFactory app)
        {
            using var db = app.OpenDatabase();
            long Count(string table) => (long)new SqliteCommand($"SELECT COUNT(*) FROM {table}", db).ExecuteScalar()!;
            using var stamps = new SqliteCommand("SELECT group_concat(Id || ':' || UpdatedAt || ':' || Version, ';') FROM (SELECT * FROM Structures ORDER BY Id)", db);
            return new DatabaseState(Count("Regions"), Count("Departements"), Count("Communes"), Count("Structures"), stamps.ExecuteScalar() as string ?? "", Count("StructureChanges"));
        }
    }
}
