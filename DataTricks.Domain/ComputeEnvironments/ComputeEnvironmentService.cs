using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// The caller's compute environments. Requests store the change and its operation and return at once;
/// the worker does the slow cloud work.
/// </summary>
public sealed class ComputeEnvironmentService(
    DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, OperationDispatch dispatch, EnvironmentDeletion deletion, OperationKinds kinds, TimeProvider time)
{
    public async Task<Result<CreatedEnvironment>> CreateAsync(CreateEnvironmentRequest request, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.CreateEnvironment, cancellationToken) is { } forbidden)
            return forbidden;
        var validation = EnvironmentValidation.Validate(request);
        if (!validation.Succeeded)
            return validation.Failure;
        if (idempotencyKey is { Length: 0 or > IdempotencyRecord.KeyMaxLength })
            return Failure.Invalid("Idempotency-Key", $"The Idempotency-Key header has 1 to {IdempotencyRecord.KeyMaxLength} characters.");
        // An admin's scope always names its customer; a scope that does not is a bug, never rows that belong to nobody.
        var customerId = tenant.CustomerId ?? throw new InvalidOperationException("A write in a customer needs a scope that names it.");
        var valid = validation.Value;
        var hash = RequestHash(valid);

        if (idempotencyKey is not null && await ReplayAsync(idempotencyKey, hash, cancellationToken) is { } replay)
            return replay;
        // A taken name is not looked for: the unique index refuses it at the save (see LostRaceAsync), one query fewer.

        var now = time.GetUtcNow();
        var environment = ComputeEnvironment.Create(customerId, valid.Name, valid.Cloud, valid.Region, valid.NodeType, valid.MinWorkers, valid.MaxWorkers, now);
        var operation = Operation.Queue(customerId, environment.Id, OperationKind.Create, now);
        environment.Follow(operation.Id, now);
        db.ComputeEnvironments.Add(environment);
        db.Operations.Add(operation);
        if (idempotencyKey is not null)
            db.IdempotencyRecords.Add(IdempotencyRecord.For(customerId, idempotencyKey, hash, environment.Id, now));
        audit.Record(AuditActions.EnvironmentCreated, "environment", environment.Id,
            $"{environment.Name} on {environment.Cloud} {environment.Region}, {environment.MinWorkers}-{environment.MaxWorkers} × {environment.NodeType}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return await LostRaceAsync(valid.Name, idempotencyKey, hash, cancellationToken);
        }
        // A new environment has no repos: its snapshot is all there is to answer, with no need to read back what was just written.
        return new CreatedEnvironment(EnvironmentView.From(dispatch.Started(environment, operation), repoCount: 0), Replayed: false);
    }

    public async Task<Result<EnvironmentView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.ComputeEnvironments.Where(e => e.Id == id && e.Status != ComputeEnvironmentStatus.Deleted).ToViews(db).FirstOrDefaultAsync(cancellationToken)
            is { } view ? view : Failure.NotFound("The compute environment");

    public async Task<Result<EnvironmentDetail>> GetDetailAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var environment = await GetAsync(id, cancellationToken);
        if (!environment.Succeeded)
            return environment.Failure;
        var repos = await db.Repos.Where(r => r.ComputeEnvironmentId == id).OrderBy(r => r.Name).Select(r => new BoundRepo(r.Id, r.Name)).ToListAsync(cancellationToken);
        var operations = await db.Operations.AsNoTracking().Where(o => o.ComputeEnvironmentId == id)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).ToListAsync(cancellationToken);
        var operationIds = operations.Select(o => o.Id).ToList();
        var steps = await db.OperationSteps.AsNoTracking().Where(s => operationIds.Contains(s.OperationId)).ToListAsync(cancellationToken);
        var timelines = operations.Select(o => new OperationTimeline(o.ToView(kinds),
            steps.Where(s => s.OperationId == o.Id).OrderBy(s => s.StartedAt)
                .Select(s => new StepRecordView(s.Step, s.Attempts, s.StartedAt, s.EndedAt, s.Error)).ToList())).ToList();
        return new EnvironmentDetail(environment.Value, repos, timelines);
    }

    /// <summary>Environments with an operation under way, oldest first: what the dashboard watches.</summary>
    public async Task<IReadOnlyList<EnvironmentView>> InProgressAsync(int max, CancellationToken cancellationToken = default) =>
        await db.ComputeEnvironments
            .Where(e => ComputeEnvironmentLifecycle.NeedsWatching.Contains(e.Status))
            .OrderBy(e => e.CreatedAt).Take(max).ToViews(db).ToListAsync(cancellationToken);

    /// <summary>How many of the customer's live environments are in each status.</summary>
    public async Task<IReadOnlyDictionary<ComputeEnvironmentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default) =>
        await db.ComputeEnvironments.Where(e => e.Status != ComputeEnvironmentStatus.Deleted)
            .GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>The columns a list sorts by; the first is the default.</summary>
    public static IReadOnlyList<string> SortColumns => ["name", "status", "region", "created"];

    /// <summary>
    /// The portal's table and the API's list: live environments whose name or region holds the search text, of one
    /// status when given, sorted (names naturally) and windowed in the database.
    /// </summary>
    public async Task<OffsetPage<EnvironmentView>> ListAsync(EnvironmentListQuery list, CancellationToken cancellationToken = default)
    {
        var query = list.Page;
        var filtered = list.Filter(db.ComputeEnvironments);
        if (query.NormalizedSearch is { } search)
            filtered = filtered.Where(e => e.NormalizedName.Contains(search) || e.Region.ToUpper().Contains(search));
        var total = await filtered.CountAsync(cancellationToken);
        var order = SortOrder.Parse(query.Sort, SortColumns, new SortOrder(SortColumns[0], false));
        var sorted = order.Column switch
        {
            "status" => order.Apply(filtered, e => e.Status).ThenBy(e => e.SortKey),
            "region" => order.Apply(filtered, e => e.Region).ThenBy(e => e.SortKey),
            "created" => order.Apply(filtered, e => e.CreatedAt),
            _ => order.Apply(filtered, e => e.SortKey),
        };
        var items = await sorted.ThenBy(e => e.Id).Skip(query.Offset).Take(query.Limit).ToViews(db).ToListAsync(cancellationToken);
        return new OffsetPage<EnvironmentView>(items, total, query.Offset);
    }

    /// <summary>
    /// Renames at once, or resizes through a Resize operation (the environment must be Ready; it is Resizing until the
    /// cloud is done). The environment's version must satisfy <paramref name="ifMatch"/> when one is given. Open pages are told either way.
    /// </summary>
    public Task<Result<EnvironmentView>> UpdateAsync(Guid id, UpdateEnvironmentRequest request, VersionMatch? ifMatch = null, CancellationToken cancellationToken = default)
    {
        request = request with { Name = ComputeEnvironmentRules.CleanName(request.Name) };
        return RetryOnConcurrencyAsync(async () =>
        {
            if (await authority.AuthorizeAsync(TenantWrites.UpdateEnvironment, cancellationToken) is { } forbidden)
                return forbidden;
            var environment = await FindLiveAsync(id, cancellationToken);
            if (environment is null)
                return Failure.NotFound("The compute environment");
            if (ifMatch?.Allows(environment.Version) == false)
                return VersionMatch.Stale("The environment");
            if (ComputeEnvironmentLifecycle.Refusal(environment.Status, EnvironmentAction.Rename) is { } notNow)
                return Failure.Conflict(ProblemCodes.InvalidState, notNow);
            if (EnvironmentValidation.Validate(request, environment.MinWorkers, environment.MaxWorkers) is { } invalid)
                return invalid;
            var (minWorkers, maxWorkers) = (request.MinWorkers ?? environment.MinWorkers, request.MaxWorkers ?? environment.MaxWorkers);
            var resizes = minWorkers != environment.MinWorkers || maxWorkers != environment.MaxWorkers;
            if (resizes && ComputeEnvironmentLifecycle.Refusal(environment.Status, EnvironmentAction.Resize) is { } cannotResize)
                return Failure.Conflict(ProblemCodes.InvalidState, cannotResize);
            var now = time.GetUtcNow();
            if (request.Name is { } name && !string.Equals(name, environment.Name, StringComparison.Ordinal))
            {
                if (await NameTakenAsync(name, environment.Id, cancellationToken))
                    return NameConflict(name);
                environment.Rename(name, now);
            }
            Operation? resize = null;
            // A rename alone carries the current operation's progress too, so that open pages can take the snapshot whole.
            var current = resizes || environment.CurrentOperationId is not { } currentId
                ? null
                : await db.Operations.FirstOrDefaultAsync(o => o.Id == currentId, cancellationToken);
            if (resizes)
            {
                resize = Operation.QueueResize(environment.CustomerId, environment.Id, minWorkers, maxWorkers, now);
                db.Operations.Add(resize);
                environment.MarkResizing(minWorkers, maxWorkers, now);
                environment.Follow(resize.Id, now);
            }
            audit.Record(AuditActions.EnvironmentUpdated, "environment", environment.Id,
                resizes ? $"{environment.Name}: resizing to {minWorkers}-{maxWorkers} workers" : $"{environment.Name}: renamed");
            await db.SaveChangesAsync(cancellationToken);
            if (resize is not null)
                return await StartedAsync(environment, resize);
            dispatch.Changed(environment, current);
            return await ViewAsync(environment.Id, cancellationToken);
        }, ifMatch?.IsAny != false);
    }

    /// <summary>
    /// Starts removing the environment and its cloud resources; refused while repos are bound to it. Deleting an
    /// environment still being created cancels its create, and is authorized as the cancel it is.
    /// </summary>
    public Task<Result<EnvironmentView>> DeleteAsync(Guid id, VersionMatch? ifMatch = null, CancellationToken cancellationToken = default) =>
        RetryOnConcurrencyAsync(async () =>
        {
            var environment = await FindLiveAsync(id, cancellationToken);
            var removal = environment is null ? null : ComputeEnvironmentLifecycle.Removal(environment.Status);
            if (await authority.AuthorizeAsync((removal ?? EnvironmentAction.Delete).Write, cancellationToken) is { } forbidden)
                return forbidden;
            if (environment is null)
                return Failure.NotFound("The compute environment");
            if (ifMatch?.Allows(environment.Version) == false)
                return VersionMatch.Stale("The environment");
            if (await deletion.RefuseIfBoundAsync(id, cancellationToken) is { } bound)
                return bound;

            var pendingDelete = await db.Operations.Where(Operation.Unfinished)
                .AnyAsync(o => o.ComputeEnvironmentId == id && o.Kind == OperationKind.Delete, cancellationToken);
            if (pendingDelete)
                return await ViewAsync(id, cancellationToken);
            if (removal is null)
                return Failure.Conflict(ProblemCodes.InvalidState, ComputeEnvironmentLifecycle.Refusal(environment.Status, EnvironmentAction.Delete)!);
            var delete = await deletion.QueueAsync(environment, cancellationToken);
            audit.Record(AuditActions.EnvironmentDeleted, "environment", environment.Id, environment.Name);
            await db.SaveChangesAsync(cancellationToken);
            return await StartedAsync(environment, delete);
        });

    /// <summary>Recreates the cloud resources the reconcile found missing, then verifies the cluster: Degraded → Provisioning → Ready.</summary>
    public Task<Result<EnvironmentView>> RepairAsync(Guid id, VersionMatch? ifMatch = null, CancellationToken cancellationToken = default) =>
        RequeueAsync(id, ifMatch, EnvironmentAction.Repair, (environment, now) => Task.FromResult(new Requeue(
            Operation.Queue(environment.CustomerId, environment.Id, OperationKind.Repair, now),
            "Repair queued: recreating what is missing",
            AuditActions.EnvironmentRepaired, $"{environment.Name}: {environment.StatusMessage}")), cancellationToken);

    /// <summary>Runs a failed create again from the step that failed.</summary>
    public Task<Result<EnvironmentView>> RetryAsync(Guid id, VersionMatch? ifMatch = null, CancellationToken cancellationToken = default) =>
        RequeueAsync(id, ifMatch, EnvironmentAction.Retry, async (environment, now) =>
        {
            var failedStep = await db.Operations
                .Where(o => o.Id == environment.CurrentOperationId).Select(o => o.Step).FirstOrDefaultAsync(cancellationToken);
            return new Requeue(
                Operation.Queue(environment.CustomerId, environment.Id, OperationKind.Create, now, failedStep),
                $"Retry queued: resuming at {ProvisioningSteps.Describe(failedStep ?? ProvisioningSteps.Create[0]).ToLowerInvariant()}",
                AuditActions.EnvironmentRetried, $"{environment.Name} from {failedStep}");
        }, cancellationToken);

    private sealed record Requeue(Operation Operation, string Message, string AuditAction, string AuditDetails);

    /// <summary>Puts an environment whose status allows <paramref name="action"/> back to Provisioning behind the operation <paramref name="plan"/> makes.</summary>
    private Task<Result<EnvironmentView>> RequeueAsync(
        Guid id, VersionMatch? ifMatch, EnvironmentAction action, Func<ComputeEnvironment, DateTimeOffset, Task<Requeue>> plan, CancellationToken cancellationToken) =>
        RetryOnConcurrencyAsync(async () =>
        {
            if (await authority.AuthorizeAsync(action.Write, cancellationToken) is { } forbidden)
                return forbidden;
            var environment = await FindLiveAsync(id, cancellationToken);
            if (environment is null)
                return Failure.NotFound("The compute environment");
            if (ifMatch?.Allows(environment.Version) == false)
                return VersionMatch.Stale("The environment");
            if (ComputeEnvironmentLifecycle.Refusal(environment.Status, action) is { } refused)
                return Failure.Conflict(ProblemCodes.InvalidState, refused);
            var now = time.GetUtcNow();
            var requeue = await plan(environment, now);
            db.Operations.Add(requeue.Operation);
            environment.Follow(requeue.Operation.Id, now);
            environment.MarkProvisioning(requeue.Message, now);
            audit.Record(requeue.AuditAction, "environment", environment.Id, requeue.AuditDetails);
            await db.SaveChangesAsync(cancellationToken);
            return await StartedAsync(environment, requeue.Operation);
        });

    private Task<ComputeEnvironment?> FindLiveAsync(Guid id, CancellationToken cancellationToken) =>
        db.ComputeEnvironments.FirstOrDefaultAsync(e => e.Id == id && e.Status != ComputeEnvironmentStatus.Deleted, cancellationToken);

    /// <summary>
    /// The environment as this request saved it, read before the worker is woken: a fast worker could otherwise end the
    /// operation first, and a resize that was started would answer as if nothing had been (200 and Ready, not 202).
    /// The change is stored, so neither the read nor the wake-up heeds the caller's cancellation.
    /// </summary>
    private async Task<EnvironmentView> StartedAsync(ComputeEnvironment environment, Operation operation)
    {
        var view = await ViewAsync(environment.Id, CancellationToken.None);
        dispatch.Started(environment, operation);
        return view;
    }

    private async Task<EnvironmentView> ViewAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ComputeEnvironments.Where(e => e.Id == id).ToViews(db).FirstAsync(cancellationToken);

    private Task<bool> NameTakenAsync(string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var normalized = name.ToUpperInvariant();
        return db.ComputeEnvironments.AnyAsync(e => e.NormalizedName == normalized && e.Status != ComputeEnvironmentStatus.Deleted && e.Id != exceptId, cancellationToken);
    }

    private static Failure NameConflict(string name) => Failure.Conflict(ProblemCodes.NameTaken, $"An environment named '{name}' already exists.");

    /// <summary>The environment a key already created, or null when the key is new or its record has expired (and is removed).</summary>
    private async Task<Result<CreatedEnvironment>?> ReplayAsync(string key, string hash, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (record is null)
            return null;
        if (record.IsExpired(time.GetUtcNow()))
        {
            await db.IdempotencyRecords.Where(r => r.Key == key && r.CreatedAt == record.CreatedAt).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        if (record.RequestHash != hash)
            return new Failure(FailureKind.Unprocessable, "This Idempotency-Key was already used with a different request.");
        return new CreatedEnvironment(await ViewAsync(record.ComputeEnvironmentId, cancellationToken), Replayed: true);
    }

    /// <summary>
    /// Why a create's save was refused by a unique index: another request stored this Idempotency-Key first (then this
    /// is its replay), or took the name. A key whose record is gone by now (it had expired) is free again: retry.
    /// </summary>
    private async Task<Result<CreatedEnvironment>> LostRaceAsync(string name, string? idempotencyKey, string hash, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null)
            return NameConflict(name);
        if (await ReplayAsync(idempotencyKey, hash, cancellationToken) is { } replay)
            return replay;
        if (await NameTakenAsync(name, exceptId: null, cancellationToken))
            return NameConflict(name);
        return Failure.Conflict(ProblemCodes.IdempotencyKeyInFlight, "A request with this Idempotency-Key is still being processed; retry shortly.");
    }

    private static string RequestHash(EnvironmentValidation.ValidCreate request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));

    /// <summary>The worker changes environments as it goes: a write that collides with it is redone on fresh data.</summary>
    private Task<Result<EnvironmentView>> RetryOnConcurrencyAsync(Func<Task<Result<EnvironmentView>>> write, bool retry = true) =>
        db.WriteAsync(write,
            new Failure(FailureKind.PreconditionFailed, "The environment changed while your change was being saved; read it again and retry."),
            attempts: retry ? 3 : 1);
}
