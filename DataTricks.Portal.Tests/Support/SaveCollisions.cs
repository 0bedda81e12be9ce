using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// Another request's write landing between a service's reads and its save, on a connection of its own, so the save
/// meets it for real (a concurrency check, a unique index) and what the test sees is how the service answers the race.
/// </summary>
internal sealed class SaveCollisions(TestDatabase database) : SaveChangesInterceptor
{
    private int _versionBumps;
    private Func<DataTricksDbContext, Task>? _nextWrite;

    /// <summary>How many saves were collided with so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// The next <paramref name="saves"/> saves that change an environment find its version moved on, as when the
    /// worker moves it meanwhile; later ones do not.
    /// </summary>
    public void BumpVersions(int saves) => _versionBumps = saves;

    /// <summary><paramref name="write"/> lands just before the next save, whatever that save changes.</summary>
    public void BeforeNextSave(Func<DataTricksDbContext, Task> write) => _nextWrite = write;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_nextWrite is { } write)
        {
            _nextWrite = null;
            await CollideAsync(write);
            return result;
        }
        var changed = eventData.Context!.ChangeTracker.Entries<ComputeEnvironment>()
            .Where(e => e.State == EntityState.Modified).Select(e => e.Entity.Id).ToList();
        if (changed.Count > 0 && _versionBumps > 0)
        {
            _versionBumps--;
            await CollideAsync(writer => writer.ComputeEnvironments.Where(e => changed.Contains(e.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Version, e => e.Version + 1), cancellationToken));
        }
        return result;
    }

    private async Task CollideAsync(Func<DataTricksDbContext, Task> write)
    {
        Count++;
        await using var writer = database.CreateContext(TenantScope.System);
        await write(writer);
    }
}
