using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PareNetwork.Web.Data;
using PareNetwork.Web.Domain;
using PareNetwork.Web.Geo;
using PareNetwork.Web.History;
using PareNetwork.Web.Imports;
using static PareNetwork.Web.Imports.StructureCsvColumns;

namespace PareNetwork.Web.Transfers;

public enum ImportOutcome
{
    Creee,
    MiseAJour,
    Inchangee,
    Erreur,
}

/// <summary>What the import would do with one row of the file. Names only fields, never their values.</summary>
public sealed record ImportRowPlan(long Line, string? Name, ImportOutcome Outcome, IReadOnlyList<string> ChangedFields, IReadOnlyList<string> Errors, IReadOnlyList<string> Notes);

/// <summary>What the import would do with a file: a file-level error, or one plan per data row.</summary>
public sealed record ImportPlan
{
    public string? FileError { get; init; }

    public string? EncodingName { get; init; }

    public char? Delimiter { get; init; }

    public IReadOnlyList<ImportRowPlan> Rows { get; init; } = [];

    /// <summary>SHA-256 of the file's bytes.</summary>
    public required string ContentHash { get; init; }

    /// <summary>A hash of the file and of every row's plan: « Appliquer » applies only the plan the person saw.</summary>
    public string Fingerprint { get; init; } = "";

    public bool HasErrors => FileError is not null || Rows.Any(r => r.Outcome == ImportOutcome.Erreur);

    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    public bool HasChanges => Rows.Any(r => r.Outcome is ImportOutcome.Creee or ImportOutcome.MiseAJour);
}

/// <summary>The outcome of « Appliquer »: applied whole, or nothing written and why (in French), with the plan as it now stands.</summary>
public sealed record ImportApplyResult(bool Applied, string? Error, ImportPlan Plan);

/// <summary>
/// The structures CSV import: a preview of what each row would do (create, update with the fields that change,
/// leave unchanged, or its errors), then its application, all or nothing, in one explicit transaction, recorded in
/// the history through the <see cref="ChangeChannel.Import"/> channel. Rows are matched by <c>id</c> (the external
/// key), else by normalized name and commune.
/// </summary>
/// <remarks>
/// A row that clears « confidentiel » on a confidential structure does not publish its address: it files a request
/// the coordination approves (<see cref="Structure.RequestPublicAddress"/>). A confidential row whose commune,
/// address, point and private contact are all empty — as an export without confidential data writes it — keeps the
/// structure's withheld values instead of erasing them. Messages never quote a confidential value.
/// </remarks>
public sealed class StructureImport(PareDbContext db, GeoReference geo, ChangeAuthor author, TimeProvider time)
{
    /// <summary>Source of a structure created by an import whose row names none.</summary>
    public const string DefaultSource = "import";

    public async Task<ImportPlan> PreviewAsync(byte[] content, CancellationToken ct = default) =>
        (await PlanAsync(content, tracked: false, ct)).Plan;

    /// <summary>
    /// Reads the file again, plans it against the current data and, if the plan is still the one the person saw
    /// (<paramref name="expectedFingerprint"/>) and has no error, applies every row in one transaction.
    /// </summary>
    public async Task<ImportApplyResult> ApplyAsync(byte[] content, string? expectedFingerprint, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (plan, steps) = await PlanAsync(content, tracked: true, ct);
        if (plan.HasErrors)
        {
            return new ImportApplyResult(false, "Le fichier contient des erreurs : rien n'a été importé. Corrigez-les et envoyez-le à nouveau.", plan);
        }
        if (expectedFingerprint is not null && !string.Equals(expectedFingerprint, plan.Fingerprint, StringComparison.Ordinal))
        {
            return new ImportApplyResult(false, "Les structures ont changé depuis l'aperçu : rien n'a été importé. Vérifiez l'aperçu mis à jour ci-dessous, puis appliquez-le.", plan);
        }
        if (!plan.HasChanges)
        {
            return new ImportApplyResult(false, "Le fichier ne change rien : aucune structure n'a été créée ni modifiée.", plan);
        }

        try
        {
            using (author.Use(ChangeChannel.Import))
            {
                await ApplyStepsAsync(steps, ct);
            }
            await transaction.CommitAsync(ct);
            return new ImportApplyResult(true, null, plan);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new ImportApplyResult(false, "Une structure a été modifiée par quelqu'un d'autre pendant l'import : rien n'a été importé. Envoyez le fichier à nouveau pour voir l'aperçu à jour.", plan);
        }
        catch (DbUpdateException)
        {
            // The provider's message may quote values (a shelter's address): it is not shown.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new ImportApplyResult(false, "La base de données a refusé l'import : rien n'a été importé. Réessayez, ou contactez l'équipe technique si le problème persiste.", plan);
        }
    }

    /// <summary>One row and what to do with it.</summary>
    private sealed class Step
    {
        public required long Line { get; init; }

        public StructureImportRow? Row { get; set; }

        /// <summary>The row with what it leaves unsaid (status, confirmation, withheld values) filled from the structure.</summary>
        public StructureImportRow? Effective { get; set; }

        public Structure? Target { get; set; }

        public string? NewKey { get; set; }

        public HashSet<string> Changed { get; } = new(StringComparer.Ordinal);

        public List<string> Errors { get; } = [];

        public List<string> Notes { get; } = [];

        public bool RequestsPublicAddress { get; set; }

        public ImportOutcome Outcome =>
            Errors.Count > 0 ? ImportOutcome.Erreur
            : Target is null ? ImportOutcome.Creee
            : Changed.Count > 0 || RequestsPublicAddress ? ImportOutcome.MiseAJour
            : ImportOutcome.Inchangee;

        public void Error(string field, string problem) => Errors.Add(new StructureCsvError(Line, field, problem).Message);
    }

    private async Task<(ImportPlan Plan, List<Step> Steps)> PlanAsync(byte[] content, bool tracked, CancellationToken ct)
    {
        var contentHash = Convert.ToHexStringLower(SHA256.HashData(content));
        var read = StructureCsvReader.Read(content, ct: ct);
        if (read.FileError is not null)
        {
            return (new ImportPlan { FileError = read.FileError, EncodingName = read.EncodingName, Delimiter = read.Delimiter, ContentHash = contentHash }, []);
        }

        // Tracked, with the départements loaded first: each département (and its boundary) is materialized once,
        // not once per structure that serves it. A preview forgets the entities afterwards.
        await db.Departements.LoadAsync(ct);
        var structures = await db.Structures.Include(s => s.Departements).AsSplitQuery().ToListAsync(ct);
        if (!tracked)
        {
            db.ChangeTracker.Clear();
        }
        var byKey = structures.Where(s => s.ExternalKey is not null).ToDictionary(s => s.ExternalKey!, StringComparer.Ordinal);
        var byNameAndCommune = structures.Where(s => s.Status != StructureStatus.Fusionnee)
            .ToLookup(s => (GeoReference.Normalize(s.Name), s.CommuneCode));
        var confidentialByName = structures.Where(s => s.IsConfidential && s.Status != StructureStatus.Fusionnee)
            .ToLookup(s => GeoReference.Normalize(s.Name));
        var takenKeys = new HashSet<string>(byKey.Keys, StringComparer.Ordinal);
        takenKeys.UnionWith(await db.SeedKeys.Select(k => k.Key).ToListAsync(ct));
        takenKeys.UnionWith(read.Rows.Select(r => r.Row?.Id).OfType<string>());

        var targeted = new Dictionary<Structure, long>(ReferenceEqualityComparer.Instance);
        var created = new Dictionary<(string, string?), long>();
        var steps = new List<Step>(read.Rows.Count);
        foreach (var result in read.Rows)
        {
            ct.ThrowIfCancellationRequested();
            var step = new Step { Line = result.Line, Row = result.Row };
            steps.Add(step);
            if (result.Row is not { } row)
            {
                step.Errors.AddRange(result.Errors.Select(e => e.Message));
                continue;
            }
            CheckReferences(step, row);

            var nameKey = (GeoReference.Normalize(row.Name), row.CommuneInsee);
            Structure? target = null;
            if (row.Id is { } id)
            {
                target = byKey.GetValueOrDefault(id);
            }
            else
            {
                var candidates = byNameAndCommune[nameKey].ToList();
                if (candidates.Count == 0 && row.Confidential && row.CommuneInsee is null)
                {
                    // A shelter exported without its confidential values: its commune is not in the file.
                    candidates = [.. confidentialByName[nameKey.Item1]];
                }
                if (candidates.Count > 1)
                {
                    step.Error(Nom, "plusieurs structures portent ce nom dans cette commune : indiquez dans la colonne « id » celle que la ligne met à jour.");
                }
                else
                {
                    target = candidates.SingleOrDefault();
                }
            }

            if (target is not null)
            {
                if (targeted.TryGetValue(target, out var first))
                {
                    step.Error(row.Id is null ? Nom : Id, $"la ligne {first} met déjà à jour cette structure.");
                    continue;
                }
                targeted[target] = step.Line;
                step.Target = target;
                PlanUpdate(step, row, target);
            }
            else
            {
                if (created.TryGetValue(nameKey, out var first))
                {
                    step.Error(Nom, $"la ligne {first} crée déjà une structure de ce nom dans cette commune.");
                    continue;
                }
                created[nameKey] = step.Line;
                step.Effective = row;
                step.NewKey = row.Id ?? NewKey(row.Name, takenKeys);
                if (row.Id is null)
                {
                    step.Notes.Add($"identifiant attribué : {step.NewKey}");
                }
                if (row.Status is null)
                {
                    step.Notes.Add("statut : en attente (le fichier n'en indique pas)");
                }
            }
        }

        var plans = steps.Select(s => new ImportRowPlan(
            s.Line,
            s.Row?.Name,
            s.Outcome,
            [.. s.Changed],
            s.Errors,
            s.Notes)).ToList();
        var plan = new ImportPlan
        {
            EncodingName = read.EncodingName,
            Delimiter = read.Delimiter,
            Rows = plans,
            ContentHash = contentHash,
            Fingerprint = Fingerprint(contentHash, plans),
        };
        return (plan, steps);
    }

    /// <summary>What the reader cannot check alone: the reference data, and the database's own limits.</summary>
    private void CheckReferences(Step step, StructureImportRow row)
    {
        foreach (var code in row.Departements.Where(c => !geo.DepartementsByCode.ContainsKey(c)))
        {
            step.Error(Departements, $"département « {code} » inconnu.");
        }
        if (row.CommuneInsee is { } commune && !geo.CommunesByCode.ContainsKey(commune))
        {
            step.Error(CommuneInsee, row.Confidential ? "code INSEE inconnu." : $"code INSEE « {commune} » inconnu.");
        }
        if (row.Latitude is { } lat && row.Longitude is { } lon
            && geo.DepartementAt(lat, lon) is null && geo.NearestCommunes(lat, lon, 1) is [{ DistanceKm: > 20 }])
        {
            step.Error(Latitude, "cette position n'est pas en France (la latitude et la longitude sont-elles inversées ?).");
        }
        if (StructureRows.JoinSource(row.Sources) is { Length: > 200 })
        {
            step.Error(Source, "200 caractères au plus.");
        }
    }

    private static void PlanUpdate(Step step, StructureImportRow row, Structure target)
    {
        var current = StructureRows.From(target);
        var effective = row;
        var withheldInFile = row.CommuneInsee is null && row.Address is null && row.Latitude is null
            && row.PrivateEmail is null && row.PrivatePhone is null && row.PrivateAddress is null;
        var withheldInBase = current.CommuneInsee is not null || current.Address is not null || current.Latitude is not null
            || current.PrivateEmail is not null || current.PrivatePhone is not null || current.PrivateAddress is not null;
        if (row.Confidential && target.IsConfidential && withheldInFile && withheldInBase)
        {
            effective = effective with
            {
                CommuneInsee = current.CommuneInsee,
                Address = current.Address,
                Latitude = current.Latitude,
                Longitude = current.Longitude,
                PrivateEmail = current.PrivateEmail,
                PrivatePhone = current.PrivatePhone,
                PrivateAddress = current.PrivateAddress,
            };
            step.Notes.Add("adresse, commune, position et contact privé confidentiels absents du fichier : conservés");
        }
        else if (row.PrivateEmail is null && row.PrivatePhone is null && row.PrivateAddress is null
            && (current.PrivateEmail is not null || current.PrivatePhone is not null || current.PrivateAddress is not null))
        {
            // An export without confidential data leaves every private contact out: importing it back keeps them.
            effective = effective with { PrivateEmail = current.PrivateEmail, PrivatePhone = current.PrivatePhone, PrivateAddress = current.PrivateAddress };
            step.Notes.Add("contact privé absent du fichier : conservé");
        }
        if (row.Status is null)
        {
            effective = effective with { Status = current.Status };
        }
        if (row.ConfirmedOn is null)
        {
            effective = effective with { ConfirmedOn = current.ConfirmedOn };
        }
        step.Effective = effective;

        foreach (var field in Diff(current, effective))
        {
            step.Changed.Add(field);
        }
        if (target.IsConfidential && !effective.Confidential)
        {
            step.Changed.Remove(Confidentiel);
            if (target.HasPendingPublicAddressRequest)
            {
                step.Notes.Add("reste confidentielle : une demande de publication de l'adresse est déjà en attente de validation");
            }
            else
            {
                step.RequestsPublicAddress = true;
                step.Notes.Add("reste confidentielle : la demande de publication de l'adresse attendra la validation de la coordination");
            }
        }

        if (target.Status == StructureStatus.Fusionnee && step.Changed.Count > 0)
        {
            step.Error(row.Id is null ? Nom : Id, "cette structure a été fusionnée dans une autre : mettez à jour la structure qui la remplace.");
        }
        else if (effective.Status is { } status && status != target.Status && !target.AllowedTransitions.Contains(status))
        {
            var allowed = target.AllowedTransitions.Select(s => $"« {Vocabulary.Statuses.Label(s).ToLowerInvariant()} »").ToList();
            step.Error(Statut, $"passage de « {Vocabulary.Statuses.Label(target.Status).ToLowerInvariant()} » à « {Vocabulary.Statuses.Label(status).ToLowerInvariant()} » impossible"
                + (allowed.Count > 0 ? $" (possible : {string.Join(", ", allowed)})." : "."));
        }
    }

    /// <summary>The columns whose value differs; lists that are sets (actions, publics, départements) compare as sets.</summary>
    private static IEnumerable<string> Diff(StructureImportRow a, StructureImportRow b)
    {
        if (a.Name != b.Name) yield return Nom;
        if (a.Acronym != b.Acronym) yield return Sigle;
        if (a.Nature != b.Nature) yield return Nature;
        if (!a.Actions.ToHashSet().SetEquals(b.Actions)) yield return Actions;
        if (!a.Publics.ToHashSet().SetEquals(b.Publics)) yield return Publics;
        if (a.Scope != b.Scope) yield return Portee;
        if (!a.Departements.ToHashSet(StringComparer.Ordinal).SetEquals(b.Departements)) yield return Departements;
        if (a.CommuneInsee != b.CommuneInsee) yield return CommuneInsee;
        if (a.Address != b.Address) yield return Adresse;
        if (a.Latitude != b.Latitude || a.Longitude != b.Longitude) yield return "latitude, longitude";
        if (!a.Phones.SequenceEqual(b.Phones)) yield return Telephones;
        if (a.Email != b.Email) yield return Email;
        if (a.Website != b.Website) yield return SiteWeb;
        if (!a.SocialAccounts.SequenceEqual(b.SocialAccounts)) yield return ReseauxSociaux;
        if (a.OpeningHours != b.OpeningHours) yield return Horaires;
        if (a.Confidential != b.Confidential) yield return Confidentiel;
        if (a.Description != b.Description) yield return Description;
        if (!a.Sources.SequenceEqual(b.Sources)) yield return Source;
        if (a.Status != b.Status) yield return Statut;
        if (a.PrivateEmail != b.PrivateEmail) yield return ContactPriveEmail;
        if (a.PrivatePhone != b.PrivatePhone) yield return ContactPriveTelephone;
        if (a.PrivateAddress != b.PrivateAddress) yield return ContactPriveAdresse;
        if (a.UpdateFrequencyMonths != b.UpdateFrequencyMonths) yield return FrequenceMiseAJourMois;
        if (a.ConfirmedOn != b.ConfirmedOn) yield return ConfirmeLe;
    }

    /// <summary>Rows saved per <c>SaveChanges</c>, inside the one transaction: the change tracker stays small.</summary>
    private const int SaveEvery = 500;

    /// <summary>
    /// Applies the rows that change something and saves them by chunks inside the caller's transaction, clearing the
    /// change tracker between chunks (the history of ten thousand new structures is some two hundred thousand rows).
    /// </summary>
    private async Task ApplyStepsAsync(List<Step> steps, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var by = author.AuthorLabel;
        var departements = await db.Departements.ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, ct);
        var communeCodes = steps.Select(s => s.Effective?.CommuneInsee).OfType<string>().Distinct().ToList();
        var communes = await db.Communes.Where(c => communeCodes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);

        foreach (var chunk in steps.Where(s => s.Outcome is ImportOutcome.Creee or ImportOutcome.MiseAJour).Chunk(SaveEvery))
        {
            if (!db.ChangeTracker.Entries<Departement>().Any())
            {
                // Cleared after the previous chunk: the reference entities are tracked again as they are.
                db.AttachRange(departements.Values);
                db.AttachRange(communes.Values);
            }
            foreach (var step in chunk)
            {
                if (step.Target is { } target && db.Entry(target).State == EntityState.Detached)
                {
                    db.Attach(target);
                }
                ApplyStep(step, departements, communes, now, by);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private void ApplyStep(Step step, Dictionary<string, Departement> departements, Dictionary<string, Commune> communes, DateTime now, string by)
    {
        var row = step.Effective!;
        var commune = row.CommuneInsee is { } code ? communes[code] : null;
        var point = row.Latitude is { } lat && row.Longitude is { } lon ? GeoConstants.Point(lat, lon) : null;
        if (step.Target is not { } s)
        {
            db.Structures.Add(NewStructure(row, step.NewKey, StructureStatus.EnAttente, DefaultSource, departements, commune, by));
            return;
        }

        SetFields(s, row, departements);
        if (step.Changed.Contains(CommuneInsee) || step.Changed.Contains("latitude, longitude"))
        {
            s.PlaceAt(commune, point);
        }
        if (step.Changed.Contains(Source))
        {
            s.Source = StructureRows.JoinSource(row.Sources);
        }
        if (row.Confidential && !s.IsConfidential)
        {
            s.MakeConfidential();
        }
        if (step.RequestsPublicAddress)
        {
            s.RequestPublicAddress(now, by);
        }
        if (row.Status is { } status && status != s.Status && !s.MoveTo(status))
        {
            throw new InvalidOperationException("A status transition the plan allowed was refused.");
        }
        if (step.Changed.Contains(ConfirmeLe) && row.ConfirmedOn is { } confirmed)
        {
            s.Confirm(StructureRows.ConfirmationTime(confirmed), by);
        }
    }

    /// <summary>
    /// A new structure from a row (an import's or the seed's): placed at its commune or exact point, confidential as
    /// the row says, with <paramref name="defaultStatus"/> when the row gives none, confirmed when it says when.
    /// </summary>
    internal static Structure NewStructure(StructureImportRow row, string? key, StructureStatus defaultStatus, string defaultSource,
        Dictionary<string, Departement> departements, Commune? commune, string by)
    {
        var structure = new Structure
        {
            ExternalKey = key,
            Name = row.Name,
            AddressVisibility = row.Confidential ? AddressVisibility.Confidentielle : AddressVisibility.Publique,
            Status = row.Status ?? defaultStatus,
            Source = StructureRows.JoinSource(row.Sources) ?? defaultSource,
        };
        SetFields(structure, row, departements);
        structure.PlaceAt(commune, row.Latitude is { } lat && row.Longitude is { } lon ? GeoConstants.Point(lat, lon) : null);
        if (row.ConfirmedOn is { } day)
        {
            structure.Confirm(StructureRows.ConfirmationTime(day), by);
        }
        return structure;
    }

    /// <summary>The plain fields; a list is replaced only when its content differs, so that an unchanged row writes nothing.</summary>
    private static void SetFields(Structure s, StructureImportRow row, Dictionary<string, Departement> departements)
    {
        s.Name = row.Name;
        s.Acronym = row.Acronym;
        s.Nature = row.Nature;
        s.Description = row.Description;
        if (!s.Actions.SequenceEqual(row.Actions))
        {
            s.Actions = [.. row.Actions];
        }
        if (!s.Publics.SequenceEqual(row.Publics))
        {
            s.Publics = [.. row.Publics];
        }
        s.Scope = row.Scope;
        s.ServeOnly([.. row.Departements.Distinct(StringComparer.Ordinal).Select(c => departements[c])]);
        s.Address = row.Address;
        if (!s.Phones.SequenceEqual(row.Phones))
        {
            s.Phones = [.. row.Phones];
        }
        s.Email = row.Email;
        s.Website = row.Website;
        if (!s.SocialAccounts.SequenceEqual(row.SocialAccounts))
        {
            s.SocialAccounts = [.. row.SocialAccounts];
        }
        s.OpeningHours = row.OpeningHours;
        s.PrivateEmail = row.PrivateEmail;
        s.PrivatePhone = row.PrivatePhone;
        s.PrivateAddress = row.PrivateAddress;
        s.UpdateFrequencyMonths = row.UpdateFrequencyMonths;
    }

    /// <summary>A key for a structure the file creates without one: its slug, made unique with a number.</summary>
    private static string NewKey(string name, HashSet<string> taken)
    {
        var slug = Structure.Slugify(name);
        var stem = slug.Length == 0 ? "structure" : slug;
        var key = stem;
        for (var n = 2; !taken.Add(key); n++)
        {
            key = $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}";
        }
        return key;
    }

    private static string Fingerprint(string contentHash, IReadOnlyList<ImportRowPlan> plans)
    {
        var text = new StringBuilder(contentHash);
        foreach (var p in plans)
        {
            text.Append('\n').Append(p.Line.ToString(CultureInfo.InvariantCulture)).Append(':').Append(p.Outcome)
                .Append(':').AppendJoin(',', p.ChangedFields).Append(':').AppendJoin(',', p.Notes);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
