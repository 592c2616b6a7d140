using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PareNetwork.Web.Data;
using PareNetwork.Web.Data.Seeding;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;
using PareNetwork.Web.Setup;

namespace PareNetwork.Benchmarks;

/// <summary>
/// Fills a database with N deterministic pseudo-random published structures, on top of the app's own
/// migrations and seed (<see cref="DatabaseInitializer"/>). Structures are keyed "bench-00001"… so a rerun
/// only adds the missing ones.
/// </summary>
public static class StructureGenerator
{
    public const string KeyPrefix = "bench-";

    private static readonly string[] Themes =
    [
        "Prévention Jeunesse", "Enfance et Familles", "Écoute Ados", "Aide aux Victimes", "Point Accueil Écoute Jeunes",
        "Maison des Adolescents", "Protection de l'Enfance", "Sauvegarde de l'Enfance", "Médiation Familiale", "Solidarité Jeunes",
        "Accueil de Jour", "Prévention Spécialisée", "Planning Familial", "Droits des Enfants", "Jeunesse et Avenir",
    ];

    private static readonly string[] Streets = ["rue", "avenue", "boulevard", "place", "allée", "chemin", "impasse", "quai"];

    private static readonly string[] StreetNames =
    [
        "de la République", "Victor Hugo", "Jean Jaurès", "de la Gare", "Pasteur", "du Général de Gaulle", "des Écoles",
        "de la Mairie", "Gambetta", "Jules Ferry", "de la Paix", "du Moulin", "des Tilleuls", "Émile Zola", "Carnot",
    ];

    private static readonly string[] Hours = ["Lun–ven 9h–17h", "Lun–sam 9h–18h", "Mar, jeu 14h–18h", "24h/24, 7j/7", "Sur rendez-vous"];

    private static readonly (StructureNature Nature, int Weight, string Prefix)[] Natures =
    [
        (StructureNature.Association, 45, "Association"),
        (StructureNature.ServicePublic, 20, "Service"),
        (StructureNature.Etablissement, 15, "Foyer"),
        (StructureNature.Police, 10, "Brigade de protection des familles"),
        (StructureNature.Fondation, 5, "Fondation"),
        (StructureNature.LigneEcoute, 5, "Ligne d'écoute"),
    ];

    private static readonly (Scope Scope, int Weight)[] Scopes =
    [
        (Scope.Locale, 60),
        (Scope.Departementale, 30),
        (Scope.Regionale, 9),
        (Scope.Nationale, 1),
    ];

    private static readonly DateTime ConfirmedBase = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public sealed record Result(int Requested, int Existing, int Added, TimeSpan InitializeTime, TimeSpan GenerateTime);

    /// <summary>Creates, migrates and seeds the database through the app, then adds the missing generated structures.</summary>
    public static async Task<Result> GenerateAsync(string dbPath, int count, int seed, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        dbPath = Path.GetFullPath(dbPath);
        Directory.CreateDirectory(Path.GetDirectoryName(dbPath)!);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration["ConnectionStrings:Pare"] = ConnectionString(dbPath);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPersistence();
        // The DbContext adds the outbox interceptor, registered by AddMail; the generator sends no mail.
        builder.AddMail();
        await using var app = builder.Build();

        var clock = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        }
        var initializeTime = clock.Elapsed;
        clock.Restart();

        await using var generationScope = app.Services.CreateAsyncScope();
        var db = generationScope.ServiceProvider.GetRequiredService<PareDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // The history records the generated structures too, as seeded data.
        using var author = generationScope.ServiceProvider.GetRequiredService<ChangeAuthor>().Use(ChangeChannel.Seed, null, "générateur de benchmark");

        var existing = await db.Structures
            .Where(s => s.ExternalKey != null && s.ExternalKey.StartsWith(KeyPrefix))
            .Select(s => s.ExternalKey!)
            .ToHashSetAsync(ct);

        // Communes with a point, in a fixed order, with their cumulative population: a draw weighted by population.
        var communes = await db.Communes.AsNoTracking()
            .Where(c => c.Location != null)
            .OrderBy(c => c.Code)
            .ToListAsync(ct);
        var cumulative = new long[communes.Count];
        long total = 0;
        for (var i = 0; i < communes.Count; i++)
        {
            total += Math.Max(1, communes[i].Population);
            cumulative[i] = total;
        }

        // Tracked département stubs: only their keys matter for the join rows (Unchanged entities are never written).
        var departementRows = await db.Departements.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Code, d.Name, d.RegionCode }).ToListAsync(ct);
        var emptyBoundary = GeoConstants.Factory.CreateMultiPolygon();
        var departements = departementRows.ToDictionary(
            d => d.Code,
            d => new Departement { Code = d.Code, Name = d.Name, RegionCode = d.RegionCode, Boundary = emptyBoundary });
        var byRegion = departements.Values.GroupBy(d => d.RegionCode).ToDictionary(g => g.Key, g => g.ToList());
        var attachedDepartements = new HashSet<string>();
        var attachedCommunes = new Dictionary<string, Commune>();

        var random = new Random(seed);
        var added = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var n = 1; n <= count; n++)
        {
            // Every structure consumes the same draws whether or not it is inserted: reruns stay deterministic.
            var spec = Draw(random, n, communes, cumulative, total);
            if (existing.Contains(spec.Key))
            {
                continue;
            }

            if (!attachedCommunes.TryGetValue(spec.Commune.Code, out var commune))
            {
                commune = spec.Commune;
                db.Communes.Attach(commune);
                attachedCommunes.Add(commune.Code, commune);
            }
            var home = departements[commune.DepartementCode];
            List<Departement> served = spec.Scope switch
            {
                Scope.Locale or Scope.Departementale => [home],
                Scope.Regionale => [.. byRegion[home.RegionCode]],
                _ => [],
            };
            foreach (var d in served.Where(d => attachedDepartements.Add(d.Code)))
            {
                db.Departements.Attach(d);
            }

            var structure = spec.ToStructure(commune, served);
            structure.PlaceAt(commune, null);
            db.Structures.Add(structure);
            added++;
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        SqliteConnection.ClearAllPools();

        return new Result(count, existing.Count, added, initializeTime, clock.Elapsed);
    }

    public static string ConnectionString(string dbPath) => $"Data Source={Path.GetFullPath(dbPath)}";

    private static Spec Draw(Random random, int n, List<Commune> communes, long[] cumulative, long total)
    {
        var index = Array.BinarySearch(cumulative, random.NextInt64(total));
        var commune = communes[index >= 0 ? index + 1 : ~index];
        var (nature, _, prefix) = Pick(random, Natures, x => x.Weight);
        var (scope, _) = Pick(random, Scopes, x => x.Weight);
        var theme = Themes[random.Next(Themes.Length)];
        var actions = Distinct(random, Enum.GetValues<StructureAction>(), 1 + random.Next(4));
        var publics = Distinct(random, Enum.GetValues<StructurePublic>(), 1 + random.Next(3));
        var acronym = random.NextDouble() < 0.3 ? RandomAcronym(random) : null;
        var hasAddress = random.NextDouble() < 0.7;
        var address = $"{1 + random.Next(120)} {Streets[random.Next(Streets.Length)]} {StreetNames[random.Next(StreetNames.Length)]}";
        var confidential = random.NextDouble() < 0.05;
        var phoneCount = random.NextDouble() switch { < 0.15 => 0, < 0.85 => 1, _ => 2 };
        var phones = Enumerable.Range(0, phoneCount).Select(_ => RandomPhone(random)).ToList();
        var hasEmail = random.NextDouble() < 0.6;
        var hasWebsite = random.NextDouble() < 0.5;
        var hours = random.NextDouble() < 0.4 ? Hours[random.Next(Hours.Length)] : null;
        var confirmedDays = random.NextDouble() < 0.5 ? random.Next(365) : (int?)null;
        return new Spec(
            $"{KeyPrefix}{n:D5}", commune, nature, scope, $"{prefix} {theme} – {commune.Name}", acronym, actions, publics,
            hasAddress ? $"{address}, {commune.PostalCodes.FirstOrDefault() ?? ""} {commune.Name}".Replace("  ", " ", StringComparison.Ordinal) : null,
            confidential, phones, hasEmail, hasWebsite, hours, confirmedDays);
    }

    private sealed record Spec(
        string Key,
        Commune Commune,
        StructureNature Nature,
        Scope Scope,
        string Name,
        string? Acronym,
        List<StructureAction> Actions,
        List<StructurePublic> Publics,
        string? Address,
        bool Confidential,
        List<string> Phones,
        bool HasEmail,
        bool HasWebsite,
        string? OpeningHours,
        int? ConfirmedDaysAgo)
    {
        public Structure ToStructure(Commune commune, List<Departement> served)
        {
            var slug = Structure.Slugify(Name);
            var domain = (slug.Length > 40 ? slug[..40].TrimEnd('-') : slug) + ".example.fr";
            var structure = new Structure
            {
                ExternalKey = Key,
                Name = Name,
                Acronym = Acronym,
                Nature = Nature,
                Description = $"Structure générée pour les tests de charge ({Vocabulary.Scopes.Label(Scope).ToLowerInvariant()}), "
                    + $"implantée à {commune.Name} : {string.Join(", ", Actions.Select(a => Vocabulary.Actions.Label(a).ToLowerInvariant()))}.",
                Actions = Actions,
                Publics = Publics,
                Scope = Scope,
                Departements = served,
                Address = Address,
                AddressVisibility = Confidential ? AddressVisibility.Confidentielle : AddressVisibility.Publique,
                Phones = Phones,
                Email = HasEmail ? "contact@" + domain : null,
                Website = HasWebsite ? "https://www." + domain : null,
                OpeningHours = OpeningHours,
                Status = StructureStatus.Publiee,
                Source = "bench:generator",
            };
            if (ConfirmedDaysAgo is { } days)
            {
                structure.Confirm(ConfirmedBase.AddDays(days));
            }
            return structure;
        }
    }

    private static T Pick<T>(Random random, T[] items, Func<T, int> weight)
    {
        var draw = random.Next(items.Sum(weight));
        foreach (var item in items)
        {
            draw -= weight(item);
            if (draw < 0)
            {
                return item;
            }
        }
        return items[^1];
    }

    private static List<T> Distinct<T>(Random random, T[] all, int count)
    {
        var copy = (T[])all.Clone();
        random.Shuffle(copy);
        return [.. copy.Take(Math.Min(count, copy.Length))];
    }

    private static string RandomAcronym(Random random) =>
        string.Create(2 + random.Next(4), random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('A' + r.Next(26));
            }
        });

    private static string RandomPhone(Random random) =>
        $"0{1 + random.Next(5)} {random.Next(100):D2} {random.Next(100):D2} {random.Next(100):D2} {random.Next(100):D2}";
}
