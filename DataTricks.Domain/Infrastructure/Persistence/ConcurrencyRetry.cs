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

    /// <summary>
    /// As <see cref="WriteAsync{T}"/>, for a write that inserts a link (a membership, a share): the same link inserted
    /// by a concurrent request refuses the insert by key, which is a collision like any other, so the write runs again
    /// and finds the link there.
    /// </summary>
    public static Task<Result<T>> WriteLinkAsync<T>(this DbContext db, Func<Task<Result<T>>> write, Failure exhausted) =>
        db.WriteAsync(async () =>
        {
            try
            {
                return await write();
            }
            catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
            {
                throw new DbUpdateConcurrencyException(exception.Message, exception);
            }
        }, exhausted);
}
