using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Accounts;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.Jobs;
using PareNetwork.Web.Pages.Shared;

namespace PareNetwork.Web.Freshness;

/// <summary>What the digest counts in one group of published structures (a département, or the national ones).</summary>
public sealed record FreshnessCounts(string Key, string Label, string ListUrl)
{
    public int Due { get; set; }

    public int Late { get; set; }

    public int Obsolete { get; set; }

    public int NeverConfirmed { get; set; }

    public int WithoutMember { get; set; }

    public bool IsEmpty => Due + Late + Obsolete + NeverConfirmed + WithoutMember == 0;

    public void Add(FreshnessState state, bool hasMember)
    {
        switch (state)
        {
            case FreshnessState.AVerifier: Due++; break;
            case FreshnessState.EnRetard: Late++; break;
            case FreshnessState.Obsolete: Obsolete++; break;
            case FreshnessState.JamaisConfirmee: NeverConfirmed++; break;
        }
        if (!hasMember)
        {
            WithoutMember++;
        }
    }

    public string Figures => FormattableString.Invariant(
        $"à vérifier {Due}, en retard {Late}, obsolètes {Obsolete}, jamais confirmées {NeverConfirmed}, sans membre {WithoutMember}");
}

/// <summary>
/// The weekly job « fraicheur-synthese »: to every active account of the coordination, the published structures to
/// look at, per département (a structure serving several counts in each; the national ones have a line of their own),
/// each with a link to the back office's list. Once per ISO week (Paris time).
/// </summary>
public sealed class FreshnessDigestJob(PareDbContext db, UserManager<PareUser> users, GeoReference geo, JobRecorder recorder, TimeProvider time, IConfiguration configuration)
    : IRecurringJob
{
    public const string Id = "fraicheur-synthese";

    public Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    public Task<string> RunOnceAsync(CancellationToken ct = default) => recorder.RunAsync(Id, async token =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var week = FreshnessDigest.WeekOf(now);
        if (await db.FreshnessDigests.AnyAsync(d => d.Week == week, token))
        {
            return $"Synthèse de la semaine {week} déjà envoyée";
        }
        var recipients = (await users.GetUsersInRoleAsync(Roles.Coordination))
            .Where(u => u.IsActive && !string.IsNullOrEmpty(u.Email)).Select(u => u.Email!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count == 0)
        {
            return "Aucun compte de la coordination : synthèse non envoyée";
        }
        var baseUrl = FreshnessMails.BaseUrl(configuration);
        var (total, groups) = await CountAsync(db, geo, now, baseUrl, token);
        var body = Body(total, groups, now);
        db.FreshnessDigests.Add(new FreshnessDigest { Week = week, SentAt = now, Recipients = recipients.Count });
        foreach (var to in recipients)
        {
            FreshnessMails.Digest(db, now, to, body);
        }
        await db.SaveChangesAsync(token);
        return $"Synthèse de la semaine {week} : {Display.Count(recipients.Count, "destinataire", "destinataires", feminine: false)}, "
            + $"{Display.Count(groups.Count, "ligne", "lignes")} ; {total.Figures}";
    }, ct);

    /// <summary>The whole network, and one group per département (code order) then the national structures; groups with nothing to report are left out.</summary>
    public static async Task<(FreshnessCounts Total, List<FreshnessCounts> Groups)> CountAsync(PareDbContext db, GeoReference geo, DateTime now, string baseUrl, CancellationToken ct)
    {
        var rows = await db.Structures.AsNoTracking()
            .Where(s => s.Status == StructureStatus.Publiee)
            .Select(s => new
            {
                s.Scope,
                s.ConfirmedAt,
                s.UpdateFrequencyMonths,
                Departements = s.Departements.Select(d => d.Code).ToList(),
                HasMember = db.StructureMembers.Any(m => m.StructureId == s.Id),
            })
            .ToListAsync(ct);
        var list = $"{baseUrl}/admin/structures?statut=publiee";
        var total = new FreshnessCounts("total", "Ensemble du réseau", list);
        var national = new FreshnessCounts("nationale", "Structures de portée nationale", $"{list}&portee=nationale");
        var byDepartement = new Dictionary<string, FreshnessCounts>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var state = Structure.FreshnessOf(row.ConfirmedAt, row.UpdateFrequencyMonths, now);
            total.Add(state, row.HasMember);
            if (row.Scope == Scope.Nationale)
            {
                national.Add(state, row.HasMember);
                continue;
            }
            foreach (var code in row.Departements.Distinct(StringComparer.Ordinal))
            {
                if (!byDepartement.TryGetValue(code, out var counts))
                {
                    var name = geo.DepartementsByCode.TryGetValue(code, out var d) ? d.Name : code;
                    byDepartement[code] = counts = new FreshnessCounts(code, $"{code} – {name}", $"{list}&departement={Uri.EscapeDataString(code)}");
                }
                counts.Add(state, row.HasMember);
            }
        }
        var groups = byDepartement.Values.OrderBy(c => c.Key, StringComparer.Ordinal).Append(national).Where(c => !c.IsEmpty).ToList();
        return (total, groups);
    }

    public static string Body(FreshnessCounts total, IReadOnlyList<FreshnessCounts> groups, DateTime now)
    {
        var text = new StringBuilder();
        text.AppendLine("Bonjour,").AppendLine();
        text.AppendLine($"Voici l'état des fiches publiées au {Display.Date(now)}. Une fiche est à vérifier quand sa fréquence de mise à jour est")
            .AppendLine("passée depuis sa dernière confirmation, en retard un mois plus tard, obsolète après douze mois sans confirmation.")
            .AppendLine();
        text.AppendLine($"{total.Label} : {total.Figures}").AppendLine(total.ListUrl).AppendLine();
        if (groups.Count == 0)
        {
            text.AppendLine("Rien à signaler : toutes les fiches publiées sont à jour et ont au moins un membre.");
        }
        else
        {
            text.AppendLine("Par département :").AppendLine();
            foreach (var group in groups)
            {
                text.AppendLine($"{group.Label} : {group.Figures}").AppendLine(group.ListUrl).AppendLine();
            }
        }
        text.AppendLine().AppendLine("La plateforme du réseau PARÉ");
        return text.ToString();
    }
}
