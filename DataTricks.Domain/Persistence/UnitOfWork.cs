using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Persistence;

public static class UnitOfWork
{
    /// <summary>
    /// Starts a write from the database's current state. A Blazor circuit keeps one DbContext for as long as a page is
    /// open while the worker changes the same rows elsewhere; entities it tracked earlier would be handed back stale.
    /// </summary>
    public static void BeginWrite(this DbContext db) => db.ChangeTracker.Clear();
}
