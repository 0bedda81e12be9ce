using DataTricks.Domain.Cloud;
using DataTricks.Domain.Events;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Advances one claimed operation as far as the cloud allows right now, in one short unit of work, then hands it back
/// with the time it is next due: a begun cloud call is checked when the cloud said it would be done, a transient fault
/// is retried after an exponential, jittered pause, a permanent one or the timeout (counted from the operation's
/// creation, whatever happened since) fails it. Between advances an operation is only a row: no task, scope or context.
/// What each kind of operation does is its <see cref="OperationHandler"/>'s business.
/// </summary>
public sealed class OperationRunner(
    TenantDbContextFactory contexts, OperationKinds kinds, ICloud cloud, EnvironmentChangeNotifier notifier,
    IOptions<ProvisioningOptions> options, TimeProvider time, ILogger<OperationRunner> logger)
{
    private readonly ProvisioningOptions _options = options.Value;

    /// <summary>Advances <paramref name="operationId"/>, which <paramref name="workerId"/> has claimed, and releases it.</summary>
    public async Task AdvanceAsync(Guid operationId, string workerId, CancellationToken cancellationToken)
    {
        var (db, tenant) = contexts.Create(TenantScope.System);
        await using var _ = db;
        // The operation and its environment (of its customer: the join says so as the schema does) in one read.
        var loaded = await (
                from o in db.Operations
                where o.Id == operationId && o.LeaseOwner == workerId
                join e in db.ComputeEnvironments on new { o.CustomerId, Id = o.ComputeEnvironmentId } equals new { e.CustomerId, e.Id }
                select new { Operation = o, Environment = e })
            .FirstOrDefaultAsync(cancellationToken);
        if (loaded is null || loaded.Operation.IsDone)
            return;
        var (operation, environment) = (loaded.Operation, loaded.Environment);
        // Defence in depth: the handlers read only rows of this operation's environment, by id, but in its customer's scope.
        tenant.Set(TenantScope.ForCustomer(operation.CustomerId));
        var context = new OperationContext(db, operation, environment, time.GetUtcNow());
        var handler = kinds.HandlerOf(operation.Kind);
        var records = await db.OperationSteps.Where(s => s.OperationId == operation.Id).ToListAsync(cancellationToken);

        try
        {
            await AdvanceAsync(handler, context, records, cancellationToken);
        }
        catch (TransientCloudException fault)
        {
            RetryLater(handler, context, records, fault);
        }
        catch (PermanentCloudException fault)
        {
            Fail(handler, context, records, fault.Code, fault.Message);
        }

        if (OperationEvents.TypeOf(operation.Status) is { } type)
            db.CustomerEvents.Add(CustomerEvent.Of(type, operation.CustomerId, operation.ComputeEnvironmentId, operation.ToView(kinds), context.Now));
        operation.ReleaseLease();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Renamed or canceled meanwhile, or the lease went to another worker: hand it back to be advanced from fresh rows.
            logger.LogInformation("Operation {OperationId} changed while it was advanced; it is looked at again", operationId);
            await ReleaseAsync(operationId, workerId, cancellationToken);
            return;
        }
        notifier.Publish(EnvironmentSnapshot.Of(environment, operation));
    }

    private async Task AdvanceAsync(OperationHandler handler, OperationContext context, List<OperationStepRecord> records, CancellationToken cancellationToken)
    {
        var operation = context.Operation;
        if (handler.IsCanceled(context))
        {
            operation.Cancel(context.Now);
            EndOpenSteps(records, context.Now, "Canceled");
            return;
        }
        if (context.Now >= Deadline(operation))
        {
            Fail(handler, context, records, "Timeout", $"The operation did not finish within {_options.OperationTimeout.TotalMinutes:0.#} minutes.");
            return;
        }
        if (operation.Status == OperationStatus.NotStarted && await handler.WaitBeforeStartAsync(context, cancellationToken) is { } later)
        {
            operation.WaitUntil(later, context.Now);
            return;
        }

        var steps = handler.Steps;
        for (var index = Math.Max(0, operation.Step is { } current ? ProvisioningSteps.IndexOf(steps, current) : 0); index < steps.Count; index++)
        {
            var step = steps[index];
            var record = Record(context, records, step);
            if (operation.Step != step || operation.Attempt == 0)
            {
                operation.BeginStep(step, context.Now);
                handler.StepStarted(step, context);
            }
            if (await handler.CallAsync(step, context, cancellationToken) is { } call)
            {
                var progress = operation.CallBegunAt is null ? CloudProgress.Unknown : await cloud.CheckAsync(call, cancellationToken);
                if (!progress.Known)
                {
                    progress = await cloud.BeginAsync(call, cancellationToken);
                    operation.NoteCallBegun(context.Now);
                }
                if (!progress.Done)
                {
                    var readyAt = progress.ReadyAt ?? context.Now;
                    operation.WaitUntil(Moments.Earliest(readyAt, Deadline(operation)), context.Now);
                    return;
                }
            }
            record.End(context.Now, null);
        }
        handler.Succeeded(context);
        operation.Succeed(context.Now);
    }

    private void RetryLater(OperationHandler handler, OperationContext context, List<OperationStepRecord> records, TransientCloudException fault)
    {
        var operation = context.Operation;
        var step = operation.Step ?? handler.Steps[0];
        var attempt = operation.Attempt + 1;
        if (attempt > _options.MaxAttemptsPerStep)
        {
            Fail(handler, context, records, fault.Code, fault.Message);
            return;
        }
        var dueAt = context.Now + Backoff(attempt);
        operation.RetryAt(attempt, Moments.Earliest(dueAt, Deadline(operation)), context.Now);
        Record(context, records, step).RecordAttempt(attempt, fault.Message);
        handler.Retrying(step, attempt, _options.MaxAttemptsPerStep, fault.Message, context);
    }

    private static void Fail(OperationHandler handler, OperationContext context, List<OperationStepRecord> records, string code, string message)
    {
        context.Operation.Fail(code, message, context.Now);
        EndOpenSteps(records, context.Now, message);
        handler.Failed(message, context);
    }

    /// <summary>Exponential from <see cref="ProvisioningOptions.RetryBaseDelay"/>, at most two minutes, with full jitter on its upper half.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attempt - 2);
        var capped = Moments.Shortest(exponential, MaxRetryDelay);
        return capped / 2 + capped / 2 * Random.Shared.NextDouble();
    }

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(2);

    private DateTimeOffset Deadline(Operation operation) => operation.CreatedAt + _options.OperationTimeout;

    private static OperationStepRecord Record(OperationContext context, List<OperationStepRecord> records, ProvisioningStep step)
    {
        var name = step.ToString();
        var record = records.FirstOrDefault(r => r.Step == name);
        if (record is null)
        {
            record = OperationStepRecord.Begin(context.Operation, name, context.Now);
            record.RecordAttempt(1, null);
            context.Db.OperationSteps.Add(record);
            records.Add(record);
        }
        return record;
    }

    private static void EndOpenSteps(List<OperationStepRecord> records, DateTimeOffset now, string error)
    {
        foreach (var record in records.Where(r => r.EndedAt is null))
            record.End(now, error);
    }

    private async Task ReleaseAsync(Guid operationId, string workerId, CancellationToken cancellationToken)
    {
        var (db, _) = contexts.Create(TenantScope.System);
        await using (db)
        {
            await db.Operations.Where(o => o.Id == operationId && o.LeaseOwner == workerId)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.LeaseOwner, (string?)null).SetProperty(o => o.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        }
    }
}
