using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PareNetwork.Web.History;

namespace PareNetwork.Web.Data.Seeding;

/// <summary>Applies migrations, then seeds reference data and structures in one all-or-nothing transaction.</summary>
public sealed partial class DatabaseInitializer(PareDbContext db, IOptions<SeedOptions> options, ChangeAuthor changeAuthor, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await db.Database.MigrateAsync(ct);

        var dataPath = options.Value.DataPath;
        // Seeded structures are recorded in the history like any other creation (channel Seed): every value then has
        // a known origin that a restoration can return to, for a few hundred rows once. The catalogue reloads at the commit.
        using var seeding = changeAuthor.Use(ChangeChannel.Seed, null, ChangeAuthor.SeedLabel);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var seededReference = false;
        if (!await db.Departements.AnyAsync(ct))
        {
            await ReferenceDataSeeder.SeedAsync(db, dataPath, ct);
            seededReference = true;
        }
        var addedStructures = await StructureSeeder.SeedAsync(db, dataPath, ct);
        var addedContributions = await ContributionSeeder.SeedAsync(db, dataPath, ct);
        await transaction.CommitAsync(ct);

        LogReady(logger, clock.ElapsedMilliseconds, seededReference, addedStructures, addedContributions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready in {ElapsedMs} ms (reference data seeded: {SeededReference}, structures added: {AddedStructures}, contributions added: {AddedContributions})")]
    private static partial void LogReady(ILogger logger, long elapsedMs, bool seededReference, int addedStructures, int addedContributions);
}
