using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PareNetwork.Web.Contributions;

namespace PareNetwork.Web.Publications;

/// <summary>
/// The one place where the public side of contributions learns of a change, whoever writes (form, moderation, seeding):
/// a save that adds, changes or deletes a <see cref="Contribution"/> invalidates the <see cref="PublicationCatalog"/> —
/// and so evicts the cached pages and feeds — once it has committed: at <c>SavedChanges</c> without an explicit
/// transaction, at the commit of one otherwise, never on rollback. Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and raw
/// SQL bypass interceptors: they are not to be used on contributions.
/// </summary>
public sealed class PublicationInterceptor(PublicationCatalog catalog) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool _pending;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        InvalidateIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        InvalidateIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending = false;

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = false;
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<Contribution>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) == true)
        {
            _pending = true;
        }
    }

    /// <summary>A failed save outside a transaction wrote nothing; inside one, the rollback will tell.</summary>
    private void Forget(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            _pending = false;
        }
    }

    private void InvalidateIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_pending)
        {
            _pending = false;
            catalog.Invalidate();
        }
    }
}
