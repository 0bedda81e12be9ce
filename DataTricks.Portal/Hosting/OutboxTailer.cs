using DataTricks.Domain.Events;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataTricks.Portal.Hosting;

/// <summary>
/// Tells this node's open pages of the environment changes other nodes saved, and has its pages of a user re-check
/// their rights when another node changed them: tails the <c>EnvironmentChanges</c> and <c>AccessChanges</c> outboxes in
/// sequence order from start-up on. On PostgreSQL, <c>LISTEN/NOTIFY</c> wakes it the moment an event is written; on
/// other databases it polls. A sequence number still missing after a few seconds belongs to a write that was rolled
/// back, and is passed over. This node's own changes reached its pages already, in process.
/// </summary>
public sealed class OutboxTailer(
    TenantDbContextFactory contexts, EnvironmentChangeNotifier notifier, UserAccessNotifier access, IOptions<DatabaseOptions> database,
    IConfiguration configuration, TimeProvider time, ILogger<OutboxTailer> logger) : BackgroundService
{
    public const string Channel = "datatricks_status";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await TailAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task TailAsync(CancellationToken stoppingToken)
    {
        var environmentChanges = new OutboxCursor(await contexts.InSystemScopeAsync(db => db.EnvironmentChanges.MaxAsync(e => (long?)e.Sequence, stoppingToken)) ?? 0, time);
        var rights = new OutboxCursor(await contexts.InSystemScopeAsync(db => db.AccessChanges.MaxAsync(c => (long?)c.Sequence, stoppingToken)) ?? 0, time);
        await using var listener = await ListenAsync(stoppingToken);
        for (var round = 0; ; round++)
        {
            try
            {
                var events = await contexts.InSystemScopeAsync(db => db.EnvironmentChanges.AsNoTracking()
                    .Where(e => e.Sequence > environmentChanges.Position).OrderBy(e => e.Sequence).Take(500).ToListAsync(stoppingToken));
                foreach (var change in events.Where(e => environmentChanges.Saw(e.Sequence) && e.Origin != NodeIdentity.Current))
                    notifier.Publish(change.Snapshot);
                environmentChanges.Advance();
                var changes = await contexts.InSystemScopeAsync(db => db.AccessChanges.AsNoTracking()
                    .Where(c => c.Sequence > rights.Position).OrderBy(c => c.Sequence).Take(500).ToListAsync(stoppingToken));
                foreach (var change in changes.Where(c => rights.Saw(c.Sequence) && c.Origin != NodeIdentity.Current))
                    access.Publish(change.UserId);
                rights.Advance();
                if (round % 2_000 == 0)
                    await contexts.InSystemScopeAsync(async db =>
                        await db.EnvironmentChanges.Where(e => e.At < time.GetUtcNow() - Keep).ExecuteDeleteAsync(stoppingToken)
                        + await db.AccessChanges.Where(c => c.At < time.GetUtcNow() - Keep).ExecuteDeleteAsync(stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Reading the outboxes failed; trying again");
            }
            if (listener is null)
                await Task.Delay(Poll, time, stoppingToken);
            else
                await listener.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    /// <summary>
    /// How far one outbox has been read: moves past every number seen in a row, and past a missing one that has stayed
    /// missing too long (a write that was rolled back).
    /// </summary>
    private sealed class OutboxCursor(long start, TimeProvider time)
    {
        private readonly HashSet<long> _seen = [];
        private readonly Dictionary<long, DateTimeOffset> _gapSince = [];

        public long Position { get; private set; } = start;

        /// <summary>True the first time a number is read.</summary>
        public bool Saw(long sequence) => _seen.Add(sequence);

        public void Advance()
        {
            while (_seen.Count > 0)
            {
                var next = Position + 1;
                if (_seen.Remove(next) || (_gapSince.TryGetValue(next, out var since) && time.GetUtcNow() - since > GapPatience))
                {
                    _gapSince.Remove(next);
                    Position = next;
                    continue;
                }
                _gapSince.TryAdd(next, time.GetUtcNow());
                break;
            }
        }
    }

    /// <summary>On PostgreSQL, a connection of its own listening for the outbox trigger's notifications.</summary>
    private async Task<NpgsqlConnection?> ListenAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider != DatabaseProvider.PostgreSql)
            return null;
        var connection = new NpgsqlConnection(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
        await connection.OpenAsync(stoppingToken);
        await using var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
        await listen.ExecuteNonQueryAsync(stoppingToken);
        return connection;
    }
}
