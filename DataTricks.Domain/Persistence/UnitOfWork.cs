using DataTricks.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Persistence;

public static class UnitOfWork
{
    /// <summary>
    /// Starts a write from the database's current state. A Blazor circuit keeps one DbContext for as long as a page is
    /// open while the worker changes the same rows elsewhere; entities it tracked earlier would be handed back stale.
    /// </summary>
    public static void BeginWrite(this DbContext db) => db.ChangeTracker.Clear();

    /// <summary>
    /// Runs <paramref name="write"/> from fresh state, and again when its save collides with a concurrent change
    /// (usually the provisioning worker moving an environment), up to <paramref name="attempts"/> times;
    /// then answers <paramref name="exhausted"/>.
    /// </summary>
    public static async Task<Result<T>> WriteAsync<T>(this DbContext db, Func<Task<Result<T>>> write, Failure exhausted, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.BeginWrite();
            try
            {
                return await write();
            }
            catch (DbUpdateConcurrencyException) when (attempt < attempts)
            {
                // The next attempt reads the new state.
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return exhausted;
            }
        }
    }
}
