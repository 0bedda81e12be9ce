using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataTricks.Domain.Events;

/// <summary>
/// Wakes the sequencer after a save that wrote events, and after every commit (a save inside a transaction is seen
/// only once the transaction commits), so an event reaches the feed and the webhooks without waiting for a poll.
/// </summary>
internal sealed class EventWakeupInterceptor(EventWakeup wakeup) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfEventsWritten(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfEventsWritten(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => wakeup.Wake();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        wakeup.Wake();
        return Task.CompletedTask;
    }

    private void WakeIfEventsWritten(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<CustomerEvent>().Any(e => e.Entity.DispatchedAt is null))
            wakeup.Wake();
    }
}
