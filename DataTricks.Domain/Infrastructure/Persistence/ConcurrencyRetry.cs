using DataTricks.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>A write that collided with a concurrent change, run again from fresh state.</summary>
public static class ConcurrencyRetry
{
    /// <summary>
    /// Runs <paramref name="write"/> from fresh state, and again when its save collides with a concurrent change
    /// (usually the provisioning worker moving an environment), up to <paramref name="attempts"/> times;
    /// then answers <paramref name="exhausted"/>.
    /// </summary>
    public static async Task<Result<T>> WriteAsync<T>(this DbContext db, Func<Task<Result<T>>> write, Failure exhausted, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Each attempt reads the rows afresh.
            db.ChangeTracker.Clear();
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
