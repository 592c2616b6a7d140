using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Membership;

namespace PareNetwork.Web.BackOffice;

/// <summary>Possible duplicates: same normalized name in the same commune, same phone, or same e-mail address.</summary>
public static class Duplicates
{
    public sealed record Candidate(int Id, string Name, string? CommuneCode, StructureStatus Status);

    public sealed record Pair(Candidate First, Candidate Second, IReadOnlyList<string> Reasons);

    public static async Task<List<Pair>> FindAsync(PareDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Structures.AsNoTracking()
            .Where(s => s.Status != StructureStatus.Fusionnee)
            .Select(s => new { s.Id, s.Name, s.CommuneCode, s.Status, s.Phones, s.Email })
            .ToListAsync(ct);
        var candidates = rows.ToDictionary(r => r.Id, r => new Candidate(r.Id, r.Name, r.CommuneCode, r.Status));
        var reasons = new Dictionary<(int, int), List<string>>();

        void Group(IEnumerable<(string Key, int Id)> keys, Func<string, string> reason)
        {
            foreach (var group in keys.GroupBy(k => k.Key, k => k.Id))
            {
                var ids = group.Distinct().Order().ToList();
                for (var i = 0; i < ids.Count; i++)
                {
                    for (var j = i + 1; j < ids.Count; j++)
                    {
                        if (!reasons.TryGetValue((ids[i], ids[j]), out var list))
                        {
                            reasons[(ids[i], ids[j])] = list = [];
                        }
                        var text = reason(group.Key);
                        if (!list.Contains(text))
                        {
                            list.Add(text);
                        }
                    }
                }
            }
        }

        Group(rows.Where(r => r.CommuneCode is not null).Select(r => ($"{GeoReference.Normalize(r.Name)}@{r.CommuneCode}", r.Id)), _ => "même nom dans la même commune");
        Group(rows.SelectMany(r => r.Phones.Select(NormalizePhone).Where(p => p.Length >= 3).Distinct().Select(p => (p, r.Id))), p => $"même téléphone ({p})");
        Group(rows.Where(r => !string.IsNullOrWhiteSpace(r.Email)).Select(r => (r.Email!.Trim().ToLowerInvariant(), r.Id)), e => $"même courriel ({e})");

        return [.. reasons
            .OrderBy(r => r.Key.Item1).ThenBy(r => r.Key.Item2)
            .Select(r => new Pair(candidates[r.Key.Item1], candidates[r.Key.Item2], r.Value))];
    }

    /// <summary>Digits only, « +33 » and « 0033 » read as a leading 0: "+33 1 23 45 67 89" and "01.23.45.67.89" match.</summary>
    public static string NormalizePhone(string phone)
    {
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (phone.TrimStart().StartsWith('+') && digits.StartsWith("33", StringComparison.Ordinal))
        {
            return "0" + digits[2..];
        }
        return digits.StartsWith("0033", StringComparison.Ordinal) ? "0" + digits[4..] : digits;
    }

    /// <summary>
    /// Merges <paramref name="mergedId"/> into <paramref name="keptId"/> in one save: members move to the kept structure,
    /// the départements served are united, the other is marked merged (its history stays under its own id, its URL
    /// redirects). Returns a French error, or null.
    /// </summary>
    public static async Task<string?> MergeAsync(PareDbContext db, int keptId, int mergedId, CancellationToken ct = default)
    {
        if (keptId == mergedId)
        {
            return "Choisissez deux structures différentes.";
        }
        var kept = await db.Structures.Include(s => s.Departements).FirstOrDefaultAsync(s => s.Id == keptId, ct);
        var merged = await db.Structures.Include(s => s.Departements).FirstOrDefaultAsync(s => s.Id == mergedId, ct);
        if (kept is null || merged is null)
        {
            return "Une des deux structures n'existe plus.";
        }
        if (kept.Status == StructureStatus.Fusionnee || merged.Status == StructureStatus.Fusionnee)
        {
            return "Une des deux structures a déjà été fusionnée.";
        }

        kept.Departements.AddRange(merged.Departements.Where(d => kept.Departements.All(k => k.Code != d.Code)).ToList());

        var keptMembers = await db.StructureMembers.Where(m => m.StructureId == keptId).Select(m => m.UserId).ToListAsync(ct);
        foreach (var member in await db.StructureMembers.Where(m => m.StructureId == mergedId).ToListAsync(ct))
        {
            db.StructureMembers.Remove(member);
            if (!keptMembers.Contains(member.UserId))
            {
                db.StructureMembers.Add(new StructureMember
                {
                    StructureId = keptId,
                    UserId = member.UserId,
                    RoleInStructure = member.RoleInStructure,
                    Since = member.Since,
                    Origin = $"fusion de #{mergedId}",
                });
            }
        }

        foreach (var request in await db.LinkRequests.Where(r => r.StructureId == mergedId && r.Status == LinkRequestStatus.EnAttente).ToListAsync(ct))
        {
            request.FollowMerge(keptId);
        }
        foreach (var invitation in await db.Invitations.Where(i => i.StructureId == mergedId && i.AcceptedAt == null).ToListAsync(ct))
        {
            invitation.FollowMerge(keptId);
        }

        // A shelter stays protected whichever record is kept: the kept one becomes confidential, with its private contact.
        if (merged.IsConfidential && !kept.IsConfidential)
        {
            kept.MakeConfidential();
        }
        if (kept.PrivateEmail is null && kept.PrivatePhone is null && kept.PrivateAddress is null)
        {
            (kept.PrivateEmail, kept.PrivatePhone, kept.PrivateAddress) = (merged.PrivateEmail, merged.PrivatePhone, merged.PrivateAddress);
        }

        merged.MergeInto(kept);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "Une des deux fiches a été modifiée entre-temps : rechargez la page et réessayez.";
        }
        return null;
    }
}
