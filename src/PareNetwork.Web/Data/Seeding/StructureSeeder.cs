using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;
using PareNetwork.Web.Imports;
using PareNetwork.Web.Transfers;

namespace PareNetwork.Web.Data.Seeding;

/// <summary>
/// Adds the structures of data-seed/structures.csv that the database never held (matched on their id), read by the
/// same reader as the back office's import, so that the seed file and an import file are one format. Existing
/// records are never modified: once seeded, a structure belongs to the people who maintain it.
/// </summary>
internal static partial class StructureSeeder
{
    public const string FileName = "structures.csv";

    public static async Task<int> SeedAsync(PareDbContext db, string dataPath, CancellationToken ct)
    {
        var read = StructureCsvReader.Read(await File.ReadAllBytesAsync(Path.Combine(dataPath, FileName), ct), ct: ct);
        if (read.FileError is { } fileError)
        {
            throw new SeedDataException($"{FileName} : {fileError}");
        }
        if (read.Errors.FirstOrDefault() is { } first)
        {
            throw new SeedDataException(FileName, first.Line, first.Field, first.Problem);
        }

        var remembered = (await db.SeedKeys.Select(k => k.Key).ToListAsync(ct)).ToHashSet();
        // Every key ever seeded, not only those still in the table: a merged or deleted structure stays gone.
        var existing = (await db.Structures.Where(s => s.ExternalKey != null).Select(s => s.ExternalKey!).ToListAsync(ct))
            .Concat(remembered)
            .ToHashSet();
        var departements = await db.Departements.ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, ct);
        var now = DateTime.UtcNow;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var added = 0;

        foreach (var result in read.Rows)
        {
            var (line, row) = (result.Line, result.Row!);
            Check(line, row, departements, seen);
            if (existing.Contains(row.Id!))
            {
                if (remembered.Add(row.Id!))
                {
                    db.SeedKeys.Add(new SeedKey { Key = row.Id!, FirstSeenAt = now });
                }
                continue;
            }
            var commune = row.CommuneInsee is { } code
                ? await db.Communes.FindAsync([code], ct) ?? throw new SeedDataException(FileName, line, "commune_insee", "code INSEE de commune inconnu.")
                : null;
            // Provenance as "seed:<file>|<file>": the seed files the row draws on.
            db.Structures.Add(StructureImport.NewStructure(row with { Sources = ["seed:" + string.Join('|', row.Sources)] }, row.Id, StructureStatus.Publiee, "seed:" + FileName,
                departements, commune, ChangeAuthor.SeedLabel));
            db.SeedKeys.Add(new SeedKey { Key = row.Id!, FirstSeenAt = now });
            remembered.Add(row.Id!);
            added++;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>What a seed row needs beyond what any import row needs: a stable id, known references, its sources.</summary>
    private static void Check(long line, StructureImportRow row, Dictionary<string, Departement> departements, HashSet<string> seen)
    {
        SeedDataException Error(string field, string problem) => new(FileName, line, field, problem);

        if (row.Id is not { } id || !SlugRegex().IsMatch(id))
        {
            throw Error("id", $"identifiant « {row.Id} » invalide (lettres minuscules, chiffres et tirets).");
        }
        if (!seen.Add(id))
        {
            throw Error("id", $"identifiant « {id} » en double.");
        }
        if (row.Departements.FirstOrDefault(code => !departements.ContainsKey(code)) is { } unknown)
        {
            throw Error("departements", $"département « {unknown} » inconnu.");
        }
        if (row.Departements.Count == 0 && row.Scope != Scope.Nationale)
        {
            throw Error("departements", "une structure non nationale doit servir au moins un département.");
        }
        if (row.Sources.Count == 0)
        {
            throw Error("source", "au moins un fichier source est obligatoire.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugRegex();
}
