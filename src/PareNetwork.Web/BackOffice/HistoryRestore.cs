using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.History;

namespace PareNetwork.Web.BackOffice;

/// <summary>
/// Restores the value a field had before a recorded change, through the entity, recorded with
/// <see cref="ChangeChannel.Restauration"/>. Commune, point and precision are one group (restoring one restores the
/// three as they were before that change); the départements are restored as a whole list; the status is never
/// restored (only transitions change it); lifting confidentiality is only requested, as anywhere else.
/// </summary>
public sealed class HistoryRestore(PareDbContext db, ChangeAuthor author, TimeProvider time)
{
    /// <summary>The fields of the place group: restored together.</summary>
    public static readonly IReadOnlyList<string> PlaceGroup = [StructureFields.Commune, StructureFields.Point, StructureFields.Precision];

    private static readonly HashSet<string> Restorable =
    [
        StructureFields.Nom, StructureFields.Sigle, StructureFields.Nature, StructureFields.Description,
        StructureFields.Actions, StructureFields.Publics, StructureFields.Portee, StructureFields.Departements,
        StructureFields.Adresse, StructureFields.Commune, StructureFields.Point, StructureFields.Precision,
        StructureFields.Confidentialite, StructureFields.Telephones, StructureFields.Email, StructureFields.SiteWeb,
        StructureFields.ReseauxSociaux, StructureFields.Horaires, StructureFields.ContactPriveEmail,
        StructureFields.ContactPriveTelephone, StructureFields.ContactPriveAdresse, StructureFields.FrequenceMiseAJour,
    ];

    public static bool IsRestorable(string field) => Restorable.Contains(field);

    public static bool IsPlace(string field) => PlaceGroup.Contains(field);

    /// <summary>The result of a restoration: a French message, and whether something was written.</summary>
    public sealed record Outcome(bool Restored, string Message);

    public async Task<Outcome> RestoreAsync(long changeId, CancellationToken ct = default)
    {
        var change = await db.StructureChanges.FirstOrDefaultAsync(c => c.Id == changeId, ct);
        if (change is null)
        {
            return new(false, "Cette modification n'existe pas.");
        }
        if (change.Field == StructureFields.Statut)
        {
            return new(false, "Le statut ne se restaure pas : changez-le par les boutons de transition de la fiche.");
        }
        if (!IsRestorable(change.Field))
        {
            return new(false, $"Le champ « {FieldLabels.Of(change.Field)} » ne se restaure pas.");
        }
        var structure = await db.Structures.Include(s => s.Departements).Include(s => s.Commune)
            .FirstOrDefaultAsync(s => s.Id == change.StructureId, ct);
        if (structure is null)
        {
            return new(false, "Cette structure n'existe plus.");
        }
        if (structure.Status == StructureStatus.Fusionnee)
        {
            return new(false, "Cette structure a été fusionnée : restaurez plutôt la fiche conservée.");
        }
        var set = await db.StructureChanges.Where(c => c.ChangeSetId == change.ChangeSetId && c.StructureId == change.StructureId).ToListAsync(ct);
        if (set.Any(c => c.Field == StructureFields.Nom && c.OldValue is null))
        {
            return new(false, "C'est la création de la fiche : il n'y a pas de valeur antérieure à restaurer.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        string? error;
        List<StructureChange> restoredRows;
        if (IsPlace(change.Field))
        {
            restoredRows = [.. set.Where(c => IsPlace(c.Field))];
            error = await RestorePlaceAsync(structure, set, ct);
        }
        else
        {
            restoredRows = [change];
            error = await ApplyAsync(structure, change.Field, change.OldValue, now, ct);
        }
        if (error is not null)
        {
            return new(false, error);
        }

        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries<Structure>().Any(e => e.State == EntityState.Modified)
            || db.ChangeTracker.Entries().Any(e => e.Metadata.ClrType == typeof(Dictionary<string, object>) && e.State is EntityState.Added or EntityState.Deleted);
        foreach (var row in restoredRows.Where(r => !r.Reviewed))
        {
            row.MarkReviewed(now, author.AuthorLabel);
        }
        using (author.Use(ChangeChannel.Restauration))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new(false, "La fiche a été modifiée pendant la restauration : rechargez la page et réessayez.");
            }
        }
        var label = IsPlace(change.Field) ? "commune, point et précision" : FieldLabels.Of(change.Field);
        if (!changed)
        {
            return new(false, $"Rien à restaurer : « {label} » a déjà cette valeur.");
        }
        if (change.Field == StructureFields.Confidentialite && structure.IsConfidential && structure.HasPendingPublicAddressRequest)
        {
            return new(true, "La levée de la confidentialité est demandée : l'adresse reste confidentielle jusqu'à ce que la coordination approuve la demande sur la fiche.");
        }
        return new(true, $"Valeur restaurée : {label}.");
    }

    /// <summary>The group as it was just before the change set: its own old values, else the latest values recorded before it.</summary>
    private async Task<string?> RestorePlaceAsync(Structure structure, List<StructureChange> set, CancellationToken ct)
    {
        var firstId = set.Min(c => c.Id);
        var before = new Dictionary<string, string?>();
        foreach (var field in PlaceGroup)
        {
            if (set.FirstOrDefault(c => c.Field == field) is { } own)
            {
                before[field] = own.OldValue;
                continue;
            }
            before[field] = await db.StructureChanges.AsNoTracking()
                .Where(c => c.StructureId == structure.Id && c.Field == field && c.Id < firstId)
                .OrderByDescending(c => c.Id)
                .Select(c => c.NewValue)
                .FirstOrDefaultAsync(ct);
        }

        Commune? commune = null;
        if (before[StructureFields.Commune] is { } code)
        {
            commune = await db.Communes.FindAsync([code], ct);
            if (commune is null)
            {
                return $"La commune « {code} » n'existe plus dans le référentiel.";
            }
        }
        var precision = LocationPrecision.Departement;
        if (before[StructureFields.Precision] is { } precisionCode && !Vocabulary.Precisions.TryParse(precisionCode, out precision))
        {
            return $"Précision « {precisionCode} » illisible.";
        }
        NetTopologySuite.Geometries.Point? exact = null;
        if (precision == LocationPrecision.Adresse)
        {
            if (ParsePoint(before[StructureFields.Point]) is not { } point)
            {
                return "Le point enregistré est illisible.";
            }
            exact = point;
        }
        structure.PlaceAt(commune, exact);
        return null;
    }

    private async Task<string?> ApplyAsync(Structure s, string field, string? value, DateTime now, CancellationToken ct)
    {
        switch (field)
        {
            case StructureFields.Nom:
                if (value is null)
                {
                    return "Le nom ne peut pas être vide.";
                }
                s.Name = value;
                break;
            case StructureFields.Sigle: s.Acronym = value; break;
            case StructureFields.Description: s.Description = value; break;
            case StructureFields.Adresse: s.Address = value; break;
            case StructureFields.Email: s.Email = value; break;
            case StructureFields.SiteWeb: s.Website = value; break;
            case StructureFields.Horaires: s.OpeningHours = value; break;
            case StructureFields.ContactPriveEmail: s.PrivateEmail = value; break;
            case StructureFields.ContactPriveTelephone: s.PrivatePhone = value; break;
            case StructureFields.ContactPriveAdresse: s.PrivateAddress = value; break;
            case StructureFields.Telephones: s.Phones = Items(value); break;
            case StructureFields.ReseauxSociaux: s.SocialAccounts = Items(value); break;
            case StructureFields.Nature:
                if (!Vocabulary.Natures.TryParse(value, out var nature))
                {
                    return $"Type « {value} » illisible.";
                }
                s.Nature = nature;
                break;
            case StructureFields.Portee:
                if (!Vocabulary.Scopes.TryParse(value, out var scope))
                {
                    return $"Portée « {value} » illisible.";
                }
                s.Scope = scope;
                break;
            case StructureFields.Actions:
                if (Terms(value, Vocabulary.Actions) is not { } actions)
                {
                    return "Actions illisibles.";
                }
                s.Actions = actions;
                break;
            case StructureFields.Publics:
                if (Terms(value, Vocabulary.Publics) is not { } publics)
                {
                    return "Publics illisibles.";
                }
                s.Publics = publics;
                break;
            case StructureFields.FrequenceMiseAJour:
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var months) || months < 1)
                {
                    return "Fréquence illisible.";
                }
                s.UpdateFrequencyMonths = months;
                break;
            case StructureFields.Departements:
                var codes = Items(value).ToHashSet(StringComparer.Ordinal);
                var departements = await db.Departements.Where(d => codes.Contains(d.Code)).ToListAsync(ct);
                if (departements.Count != codes.Count)
                {
                    return "Un des départements enregistrés n'existe plus.";
                }
                s.ServeOnly(departements);
                break;
            case StructureFields.Confidentialite:
                if (value == "confidentielle")
                {
                    s.MakeConfidential();
                }
                else if (value == "publique")
                {
                    // Lifting confidentiality is a request, whoever asks: the structure stays confidential until approved.
                    s.RequestPublicAddress(now, author.AuthorLabel);
                }
                else
                {
                    return $"Confidentialité « {value} » illisible.";
                }
                break;
            default:
                return $"Le champ « {FieldLabels.Of(field)} » ne se restaure pas.";
        }
        return null;
    }

    private static List<string> Items(string? value) =>
        value is null ? [] : [.. value.Split(StructureFields.ListSeparator)];

    private static List<T>? Terms<T>(string? value, Terms<T> terms) where T : struct, Enum
    {
        var list = new List<T>();
        foreach (var code in Items(value))
        {
            if (!terms.TryParse(code, out var term))
            {
                return null;
            }
            list.Add(term);
        }
        return list;
    }

    /// <summary>"47.75,7.34" (lat,lon as <see cref="StructureFields.Format"/> writes a point).</summary>
    public static NetTopologySuite.Geometries.Point? ParsePoint(string? value)
    {
        var parts = value?.Split(',');
        return parts is [var lat, var lon]
            && double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            && double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && Math.Abs(y) <= 90 && Math.Abs(x) <= 180
                ? GeoConstants.Point(y, x)
                : null;
    }
}
