using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PareNetwork.Web.Catalog;
using PareNetwork.Web.Domain;

namespace PareNetwork.Web.History;

/// <summary>
/// The one place where structure changes are recorded and the public catalogue is told about them, whoever writes
/// (member, coordination, import, job, seeding): no page has to remember either.
/// <list type="bullet">
/// <item>At <c>SavingChanges</c>: one <see cref="StructureChange"/> per changed field of every added, modified or
/// deleted <see cref="Structure"/>, and one « departements » change (full old and new code lists) when the join
/// table StructureDepartement changed. A change to the départements alone marks the structure modified with a new
/// <see cref="Structure.Version"/> and <see cref="Structure.UpdatedAt"/>, so that a concurrent save holding the old
/// token conflicts like for any other field.</item>
/// <item>After the commit: <see cref="StructureCatalog.Invalidate"/> — at <c>SavedChanges</c> when the save ran in
/// its own transaction, at <c>TransactionCommitted</c> when it ran inside an explicit one (seeding, import), never on
/// rollback, so that the catalogue never reloads before the data is there.</item>
/// </list>
/// Interceptors only see <c>SaveChanges</c>: bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and raw SQL bypass them,
/// so they must never be used on structures or on their départements (a test watches the source). Transactions must
/// be EF's (<c>Database.BeginTransaction</c>, or <c>UseTransaction</c> committed through EF), not an ambient
/// <c>TransactionScope</c>.
/// </summary>
/// <remarks>
/// A new structure gets its id from the database, so its history rows are written by a second save right after the
/// first, in the same transaction: the caller's, or one this interceptor opens for the purpose and commits.
/// </remarks>
public sealed class StructureHistoryInterceptor(IChangeContext author, TimeProvider time, StructureCatalog? catalog = null)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The join entity of <see cref="Structure.Departements"/>, as configured in StructureConfiguration.</summary>
    internal const string JoinStructureId = "StructureId";

    internal const string JoinDepartementCode = "DepartementCode";

    private readonly ConditionalWeakTable<DbContext, PendingSave> _saves = [];

    /// <summary>Explicit transactions in which structures were saved: the catalogue is invalidated when they commit.</summary>
    private readonly ConcurrentDictionary<Guid, byte> _invalidateOnCommit = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            CaptureAsync(context, async: false, default).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await CaptureAsync(context, async: true, cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context)
        {
            CompleteAsync(context, async: false, default).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await CompleteAsync(context, async: true, cancellationToken);
        }
        return result;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (_invalidateOnCommit.TryRemove(eventData.TransactionId, out _))
        {
            catalog?.Invalidate();
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        _invalidateOnCommit.TryRemove(eventData.TransactionId, out _);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>Records the changes about to be saved; does nothing when no structure is touched.</summary>
    private async Task CaptureAsync(DbContext context, bool async, CancellationToken ct)
    {
        if (_saves.TryGetValue(context, out var running))
        {
            if (running.WritingNewStructures)
            {
                return;
            }
            Abandon(context);
        }
        var structureType = context.Model.FindEntityType(typeof(Structure));
        var joinType = structureType?.FindSkipNavigation(nameof(Structure.Departements))?.JoinEntityType;
        if (structureType is null || joinType is null)
        {
            return;
        }

        // Entries() detects changes first (unless the caller turned automatic detection off and detects itself).
        var entries = context.ChangeTracker.Entries().ToList();
        var structures = entries.Where(e => e.Metadata == structureType).Select(e => context.Entry((Structure)e.Entity)).ToList();
        var changed = structures.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var joins = entries.Where(e => e.Metadata == joinType && e.State is EntityState.Added or EntityState.Deleted).ToList();
        if (changed.Count == 0 && joins.Count == 0)
        {
            return;
        }

        var save = new PendingSave(new ChangeTemplate(Guid.NewGuid(), time.GetUtcNow().UtcDateTime, author.Channel, author.AuthorId, author.AuthorLabel));
        foreach (var entry in changed)
        {
            RecordFields(save, entry);
        }
        await RecordDepartementsAsync(context, joinType, save, structures, joins, async, ct);

        foreach (var change in save.Recorded)
        {
            context.Add(change);
        }
        if (save.ForNewStructures.Count > 0 && context.Database.CurrentTransaction is null)
        {
            save.OwnTransaction = async ? await context.Database.BeginTransactionAsync(ct) : context.Database.BeginTransaction();
        }
        _saves.AddOrUpdate(context, save);
        // The context's event, not the interceptor's SaveChangesFailed: only the event is raised for a concurrency conflict.
        context.SaveChangesFailed += OnSaveChangesFailed;
    }

    private static void RecordFields(PendingSave save, EntityEntry<Structure> entry)
    {
        foreach (var property in entry.Properties)
        {
            if (StructureFields.ForProperty(property.Metadata.Name) is not { } field)
            {
                continue;
            }
            string? before, after;
            switch (entry.State)
            {
                case EntityState.Added:
                    (before, after) = (null, StructureFields.Format(property.CurrentValue));
                    break;
                case EntityState.Deleted:
                    (before, after) = (StructureFields.Format(property.OriginalValue), null);
                    break;
                default:
                    if (!property.IsModified)
                    {
                        continue;
                    }
                    (before, after) = (StructureFields.Format(property.OriginalValue), StructureFields.Format(property.CurrentValue));
                    break;
            }
            save.Add(entry, field, before, after);
        }
    }

    /// <summary>
    /// The old list comes from the database (what was loaded may be partial), the new one is the old minus the deleted
    /// join rows plus the added ones. A deleted structure's départements go with it (cascade), recorded as emptied.
    /// </summary>
    private static async Task RecordDepartementsAsync(
        DbContext context, IEntityType joinType, PendingSave save, List<EntityEntry<Structure>> structures, List<EntityEntry> joins, bool async, CancellationToken ct)
    {
        var added = new Dictionary<int, List<string>>();
        var removed = new Dictionary<int, List<string>>();
        foreach (var join in joins)
        {
            var deleted = join.State == EntityState.Deleted;
            var structureId = (int)(deleted ? join.Property(JoinStructureId).OriginalValue : join.Property(JoinStructureId).CurrentValue)!;
            var code = (string)(deleted ? join.Property(JoinDepartementCode).OriginalValue : join.Property(JoinDepartementCode).CurrentValue)!;
            var target = deleted ? removed : added;
            if (!target.TryGetValue(structureId, out var codes))
            {
                target[structureId] = codes = [];
            }
            codes.Add(code);
        }

        var byId = structures.ToDictionary(e => e.Property(s => s.Id).CurrentValue);
        foreach (var id in added.Keys.Concat(removed.Keys).Where(id => !byId.ContainsKey(id)).ToList())
        {
            // A join row changed for a structure that is not tracked: track it, its token has to be renewed.
            var structure = async ? await context.FindAsync<Structure>([id], ct) : context.Find<Structure>(id);
            if (structure is not null)
            {
                byId[id] = context.Entry(structure);
            }
        }

        var involved = added.Keys.Concat(removed.Keys)
            .Concat(structures.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id))
            .Where(byId.ContainsKey)
            .Distinct()
            .ToList();
        var stored = involved.Where(id => byId[id].State != EntityState.Added).ToList();
        var before = stored.Count == 0 ? [] : await StoredDepartementsAsync(context, joinType, stored, async, ct);

        foreach (var id in involved)
        {
            var entry = byId[id];
            var oldCodes = before.GetValueOrDefault(id) ?? [];
            var newCodes = entry.State == EntityState.Deleted ? [] : oldCodes
                .Except(removed.GetValueOrDefault(id) ?? [], StringComparer.Ordinal)
                .Union(added.GetValueOrDefault(id) ?? [], StringComparer.Ordinal)
                .ToList();
            var (oldValue, newValue) = (StructureFields.FormatDepartements(oldCodes), StructureFields.FormatDepartements(newCodes));
            if (oldValue == newValue)
            {
                continue;
            }
            if (entry.State == EntityState.Unchanged)
            {
                entry.Property(s => s.Version).CurrentValue = Guid.NewGuid();
                entry.Property(s => s.UpdatedAt).CurrentValue = save.Template.At;
            }
            save.Add(entry, StructureFields.Departements, oldValue, newValue);
        }
    }

    private static async Task<Dictionary<int, List<string>>> StoredDepartementsAsync(DbContext context, IEntityType joinType, List<int> ids, bool async, CancellationToken ct)
    {
        var query = context.Set<Dictionary<string, object>>(joinType.Name).AsNoTracking()
            .Where(j => ids.Contains(EF.Property<int>(j, JoinStructureId)))
            .Select(j => new { StructureId = EF.Property<int>(j, JoinStructureId), Code = EF.Property<string>(j, JoinDepartementCode) });
        var rows = async ? await query.ToListAsync(ct) : [.. query];
        return rows.GroupBy(r => r.StructureId).ToDictionary(g => g.Key, g => g.Select(r => r.Code).ToList());
    }

    /// <summary>After the save: writes the rows of new structures, then invalidates the catalogue now or at commit.</summary>
    private async Task CompleteAsync(DbContext context, bool async, CancellationToken ct)
    {
        if (!_saves.TryGetValue(context, out var save) || save.WritingNewStructures)
        {
            return;
        }
        var committed = false;
        try
        {
            if (save.ForNewStructures.Count > 0)
            {
                foreach (var (structure, change) in save.ForNewStructures)
                {
                    change.StructureId = structure.Id;
                    context.Add(change);
                }
                save.WritingNewStructures = true;
                try
                {
                    _ = async ? await context.SaveChangesAsync(ct) : context.SaveChanges();
                }
                catch
                {
                    foreach (var (_, change) in save.ForNewStructures)
                    {
                        context.Entry(change).State = EntityState.Detached;
                    }
                    throw;
                }
            }

            if (context.Database.CurrentTransaction is { } transaction)
            {
                _invalidateOnCommit.TryAdd(transaction.TransactionId, 0);
            }
            else
            {
                // The save ran in a transaction of its own, committed by now.
                catalog?.Invalidate();
            }

            if (save.OwnTransaction is { } own)
            {
                if (async)
                {
                    await own.CommitAsync(ct);
                }
                else
                {
                    own.Commit();
                }
                committed = true;
            }
        }
        finally
        {
            if (save.OwnTransaction is { } own)
            {
                if (!committed)
                {
                    _invalidateOnCommit.TryRemove(own.TransactionId, out _);
                }
                // Disposing an uncommitted transaction rolls it back.
                if (async)
                {
                    await own.DisposeAsync();
                }
                else
                {
                    own.Dispose();
                }
            }
            Forget(context);
        }
    }

    private void OnSaveChangesFailed(object? sender, SaveChangesFailedEventArgs e) => Abandon(sender as DbContext);

    /// <summary>
    /// The save failed (a conflict, a constraint) or was cancelled: nothing was written. The rows are forgotten, so that
    /// a retry records afresh, and the transaction opened for a new structure is rolled back.
    /// </summary>
    private void Abandon(DbContext? context)
    {
        if (context is null || !_saves.TryGetValue(context, out var save) || save.WritingNewStructures)
        {
            return;
        }
        foreach (var change in save.Recorded)
        {
            context.Entry(change).State = EntityState.Detached;
        }
        save.OwnTransaction?.Dispose();
        Forget(context);
    }

    private void Forget(DbContext context)
    {
        context.SaveChangesFailed -= OnSaveChangesFailed;
        _saves.Remove(context);
    }

    /// <summary>What every row of one save shares.</summary>
    private sealed record ChangeTemplate(Guid ChangeSetId, DateTime At, ChangeChannel Channel, string? AuthorId, string AuthorLabel);

    private sealed class PendingSave(ChangeTemplate template)
    {
        public ChangeTemplate Template { get; } = template;

        /// <summary>Rows of structures that already have an id, saved with the structures.</summary>
        public List<StructureChange> Recorded { get; } = [];

        /// <summary>Rows of new structures, written once the database has given them an id.</summary>
        public List<(Structure Structure, StructureChange Change)> ForNewStructures { get; } = [];

        /// <summary>The transaction opened to write a new structure and its rows together, when the caller had none.</summary>
        public IDbContextTransaction? OwnTransaction { get; set; }

        /// <summary>True during the second save, which only writes <see cref="ForNewStructures"/>.</summary>
        public bool WritingNewStructures { get; set; }

        public void Add(EntityEntry<Structure> entry, string field, string? before, string? after)
        {
            if (before == after)
            {
                return;
            }
            var change = new StructureChange
            {
                Field = field,
                OldValue = before,
                NewValue = after,
                At = Template.At,
                AuthorId = Template.AuthorId,
                AuthorLabel = Template.AuthorLabel,
                Channel = Template.Channel,
                ChangeSetId = Template.ChangeSetId,
            };
            if (entry.State == EntityState.Added)
            {
                ForNewStructures.Add((entry.Entity, change));
            }
            else
            {
                change.StructureId = entry.Entity.Id;
                Recorded.Add(change);
            }
        }
    }
}
