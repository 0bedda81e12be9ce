using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Claims due operations for a worker with conditional UPDATEs, which the database serializes: of two workers racing
/// for one operation, in one process or two, exactly one gets it. A claim lasts one advance; a worker that dies holding
/// one loses it when <see cref="ProvisioningOptions.LeaseDuration"/> runs out, and the operation is due to the others.
/// </summary>
public sealed class OperationLeases(TenantDbContextFactory contexts, IOptions<ProvisioningOptions> options, TimeProvider time)
{
    /// <summary>
    /// Claims up to <paramref name="max"/> unfinished operations that are due and nobody holds, earliest due first.
    /// Nodes waking for the same due time share the work: on PostgreSQL each takes rows the others have not locked
    /// (<c>FOR UPDATE SKIP LOCKED</c>); elsewhere a claimer that lost candidates to another picks the next ones.
    /// </summary>
    public Task<List<Guid>> ClaimDueAsync(string owner, int max, CancellationToken cancellationToken) =>
        contexts.InSystemScopeAsync(async db =>
        {
            var now = time.GetUtcNow();
            if (db.Database.IsNpgsql())
                return await ClaimSkippingLockedAsync(db, owner, max, now, cancellationToken);
            var claimed = new List<Guid>();
            while (claimed.Count < max)
            {
                var due = await Claimable(db, now).Where(o => o.DueAt <= now).OrderBy(o => o.DueAt).Select(o => o.Id).Take(max - claimed.Count).ToListAsync(cancellationToken);
                var won = await ClaimAsync(db, owner, due, now, cancellationToken);
                claimed.AddRange(won);
                // Each lost candidate went to another claimer, so the due set shrinks every round and this ends.
                if (won.Count == due.Count)
                    break;
            }
            return claimed;
        });

    public Task<bool> TryClaimAsync(Guid operationId, string owner, CancellationToken cancellationToken) =>
        contexts.InSystemScopeAsync(async db => (await ClaimAsync(db, owner, [operationId], time.GetUtcNow(), cancellationToken)).Count == 1);

    /// <summary>
    /// When the next unfinished operation is due, if any; one a worker holds is due when its lease runs out, or later if
    /// it is due later. Asked in lookups the indexes answer, because the worker asks after every claim: per status, the
    /// earliest due of those nobody holds (or whose lease has run out), then the few whose lease is running. One query
    /// over the due-or-lease expression read every unfinished operation, 4 ms with 10,000 in flight. The lookups go in
    /// one statement (a UNION ALL of them): three round trips at every sleep of the worker were a fifth of its SQL.
    /// </summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) =>
        contexts.InSystemScopeAsync(async db =>
        {
            var now = time.GetUtcNow();
            IQueryable<DueCandidate> EarliestFree(OperationStatus status) =>
                db.Operations.Where(o => o.Status == status && (o.LeaseOwner == null || o.LeaseExpiresAt < now)).OrderBy(o => o.DueAt)
                    .Select(o => new DueCandidate { DueAt = o.DueAt, Status = o.Status }).Take(1);
            // Only the lease in the condition, so that SQLite, which keeps no statistics, reads the lease index and not the
            // status one; the status is checked here.
            var held = db.Operations.Where(o => o.LeaseExpiresAt >= now)
                .Select(o => new DueCandidate { DueAt = o.LeaseExpiresAt > o.DueAt ? o.LeaseExpiresAt!.Value : o.DueAt, Status = o.Status });
            var candidates = await EarliestFree(OperationStatus.NotStarted).Concat(EarliestFree(OperationStatus.Running)).Concat(held).ToListAsync(cancellationToken);
            return candidates.Where(c => Operation.UnfinishedStatuses.Contains(c.Status)).Min(c => (DateTimeOffset?)c.DueAt);
        });

    private async Task<List<Guid>> ClaimAsync(DataTricksDbContext db, string owner, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = new List<Guid>();
        foreach (var chunk in ids.Chunk(500))
        {
            var expiresAt = now + options.Value.LeaseDuration;
            await Claimable(db, now).Where(o => chunk.Contains(o.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.LeaseOwner, owner).SetProperty(o => o.LeaseExpiresAt, expiresAt), cancellationToken);
            // Of the candidates, those now held by this owner are this claim's: they were free a moment ago, so none was held by it before.
            claimed.AddRange(await db.Operations.Where(o => chunk.Contains(o.Id) && o.LeaseOwner == owner).Select(o => o.Id).ToListAsync(cancellationToken));
        }
        return claimed;
    }

    private Task<List<Guid>> ClaimSkippingLockedAsync(DataTricksDbContext db, string owner, int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expiresAt = now + options.Value.LeaseDuration;
        // Operation.Unfinished, in SQL.
        string notStarted = nameof(OperationStatus.NotStarted), running = nameof(OperationStatus.Running);
        // The due rows are picked once, in a CTE, which PostgreSQL runs once. As "WHERE Id IN (SELECT … LIMIT n FOR UPDATE
        // SKIP LOCKED)", a plan chosen on stale statistics ran the pick again for each row the update read, and each run
        // skipped the rows this claim had just taken: a claim of 1 took every due operation.
        return db.Database.SqlQuery<Guid>($"""
            WITH due AS MATERIALIZED (
                SELECT "Id" FROM "Operations"
                WHERE "Status" IN ({notStarted}, {running}) AND ("LeaseOwner" IS NULL OR "LeaseExpiresAt" < {now}) AND "DueAt" <= {now}
                ORDER BY "DueAt" LIMIT {max}
                FOR UPDATE SKIP LOCKED)
            UPDATE "Operations" AS o SET "LeaseOwner" = {owner}, "LeaseExpiresAt" = {expiresAt}
            FROM due WHERE o."Id" = due."Id"
            RETURNING o."Id" AS "Value"
            """).ToListAsync(cancellationToken);
    }

    private static IQueryable<Operation> Claimable(DataTricksDbContext db, DateTimeOffset now) =>
        db.Operations.Where(Operation.Unfinished).Where(o => o.LeaseOwner == null || o.LeaseExpiresAt < now);
}

/// <summary>A time an operation of some status is due at: a row of the next-due lookups (set by members, which a UNION translates).</summary>
internal sealed class DueCandidate
{
    public DateTimeOffset DueAt { get; init; }
    public OperationStatus Status { get; init; }
}
