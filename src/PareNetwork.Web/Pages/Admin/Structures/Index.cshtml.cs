using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Freshness;

namespace PareNetwork.Web.Pages.Admin.Structures;

/// <summary>Every structure, whatever its status, filtered by the query string and paged.</summary>
public class IndexModel(PareDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<(string Code, string Label)> ConfirmationAges =
    [
        ("jamais", "Jamais confirmée"),
        ("moins-6-mois", "Il y a moins de 6 mois"),
        ("6-12-mois", "Il y a 6 à 12 mois"),
        ("plus-12-mois", "Il y a plus de 12 mois"),
    ];

    [FromQuery(Name = "statut")] public string? Statut { get; set; }

    [FromQuery(Name = "departement")] public string? Departement { get; set; }

    [FromQuery(Name = "portee")] public string? Portee { get; set; }

    [FromQuery(Name = "action")] public string? Action { get; set; }

    [FromQuery(Name = "confirmation")] public string? Confirmation { get; set; }

    [FromQuery(Name = "membres")] public string? Membres { get; set; }

    [FromQuery(Name = "fraicheur")] public string? Fraicheur { get; set; }

    [FromQuery(Name = "demande")] public string? Demande { get; set; }

    [FromQuery(Name = "q")] public string? Q { get; set; }

    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public sealed record Row(int Id, string Name, StructureStatus Status, Scope Scope, string? CommuneName, List<string> Departements,
        DateTime? ConfirmedAt, int UpdateFrequencyMonths, int Members, bool Confidential, bool PendingPublicAddress);

    public List<Row> Rows { get; private set; } = [];

    public int Count { get; private set; }

    public Dictionary<StructureStatus, int> CountByStatus { get; private set; } = [];

    public int PageCount => Math.Max(1, (Count + PageSize - 1) / PageSize);

    public List<string> Problems { get; } = [];

    public DateTime Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow().UtcDateTime;
        IQueryable<Structure> query = db.Structures.AsNoTracking();
        if (!string.IsNullOrEmpty(Statut))
        {
            if (Vocabulary.Statuses.TryParse(Statut, out var status))
            {
                query = query.Where(s => s.Status == status);
            }
            else
            {
                Problems.Add($"Statut « {Statut} » inconnu : filtre ignoré.");
            }
        }
        if (!string.IsNullOrEmpty(Departement))
        {
            var code = Departement.Trim().ToUpperInvariant();
            query = query.Where(s => s.Departements.Any(d => d.Code == code));
        }
        if (!string.IsNullOrEmpty(Portee))
        {
            if (Vocabulary.Scopes.TryParse(Portee, out var scope))
            {
                query = query.Where(s => s.Scope == scope);
            }
            else
            {
                Problems.Add($"Portée « {Portee} » inconnue : filtre ignoré.");
            }
        }
        if (!string.IsNullOrEmpty(Action))
        {
            if (Vocabulary.Actions.TryParse(Action, out var action))
            {
                query = query.Where(s => s.Actions.Contains(action));
            }
            else
            {
                Problems.Add($"Action « {Action} » inconnue : filtre ignoré.");
            }
        }
        var sixMonths = Now.AddMonths(-6);
        var twelveMonths = Now.AddMonths(-12);
        query = Confirmation switch
        {
            null or "" => query,
            "jamais" => query.Where(s => s.ConfirmedAt == null),
            "moins-6-mois" => query.Where(s => s.ConfirmedAt != null && s.ConfirmedAt >= sixMonths),
            "6-12-mois" => query.Where(s => s.ConfirmedAt != null && s.ConfirmedAt < sixMonths && s.ConfirmedAt >= twelveMonths),
            "plus-12-mois" => query.Where(s => s.ConfirmedAt != null && s.ConfirmedAt < twelveMonths),
            _ => Unknown(query, $"Ancienneté de confirmation « {Confirmation} » inconnue : filtre ignoré."),
        };
        query = Membres switch
        {
            null or "" => query,
            "avec" => query.Where(s => db.StructureMembers.Any(m => m.StructureId == s.Id)),
            "sans" => query.Where(s => !db.StructureMembers.Any(m => m.StructureId == s.Id)),
            _ => Unknown(query, $"Valeur « {Membres} » inconnue pour les membres : filtre ignoré."),
        };
        if (Demande == "adresse")
        {
            query = query.Where(s => s.PublicAddressRequestedAt != null);
        }

        var rows = await query.Select(s => new Row(
                s.Id, s.Name, s.Status, s.Scope, s.Commune == null ? null : s.Commune.Name,
                s.Departements.Select(d => d.Code).ToList(), s.ConfirmedAt, s.UpdateFrequencyMonths,
                db.StructureMembers.Count(m => m.StructureId == s.Id),
                s.AddressVisibility == AddressVisibility.Confidentielle, s.PublicAddressRequestedAt != null))
            .ToListAsync();
        if (!string.IsNullOrEmpty(Fraicheur))
        {
            // In memory, like the name search: calendar months on each row's own update frequency, the rule of Structure.FreshnessOf.
            if (FreshnessStateLabels.TryParse(Fraicheur, out var freshness))
            {
                rows = [.. rows.Where(r => Freshness(r) == freshness)];
            }
            else
            {
                Problems.Add($"Fraîcheur « {Fraicheur} » inconnue : filtre ignoré.");
            }
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var words = Geo.GeoReference.Normalize(Q);
            rows = [.. rows.Where(r => Geo.GeoReference.Normalize(r.Name).Contains(words, StringComparison.Ordinal))];
        }
        Count = rows.Count;
        CountByStatus = rows.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = [.. rows.OrderBy(r => r.Name, PublicStructure.NameOrder).ThenBy(r => r.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    private IQueryable<Structure> Unknown(IQueryable<Structure> query, string problem)
    {
        Problems.Add(problem);
        return query;
    }

    /// <summary>The current filters with another page.</summary>
    public string PageUrl(int page)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["statut"] = Statut, ["departement"] = Departement, ["portee"] = Portee, ["action"] = Action,
            ["confirmation"] = Confirmation, ["membres"] = Membres, ["fraicheur"] = Fraicheur, ["demande"] = Demande, ["q"] = Q,
        }.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary();
        if (page > 1)
        {
            parameters["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return QueryHelpers.AddQueryString("/admin/structures", parameters);
    }

    public FreshnessState Freshness(Row row) => Structure.FreshnessOf(row.ConfirmedAt, row.UpdateFrequencyMonths, Now);
}
