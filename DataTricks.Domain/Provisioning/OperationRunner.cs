using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Runs one operation to its end under a lease: the steps of a create, or the removal of a delete. Every change is
/// saved before it is published, so a crash at any point resumes from the last saved step, and the cloud's
/// idempotency keys make a repeated step find what it made before. Runs in a DI scope of its own.
/// </summary>
public sealed class OperationRunner(
    DataTricksDbContext db, TenantContext tenant, ICloud cloud, OperationLeases leases, LeaseKeeper keeper, EnvironmentStatusNotifier notifier,
    OperationCancellations cancellations, IOptions<ProvisioningOptions> options, TimeProvider time, ILogger<OperationRunner> logger)
{
    private static readonly TimeSpan CreateStopPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly ProvisioningOptions _options = options.Value;
    private Operation _operation = null!;
    private ComputeEnvironment _environment = null!;

    public async Task RunAsync(Guid operationId, string workerId, CancellationToken stopping)
    {
        if (!await leases.TryClaimAsync(operationId, workerId, stopping))
            return;
        tenant.Set(TenantScope.System);
        _operation = await db.Operations.FirstAsync(o => o.Id == operationId, stopping);
        tenant.Set(TenantScope.ForCustomer(_operation.CustomerId));
        _environment = await db.ComputeEnvironments.FirstAsync(e => e.Id == _operation.ComputeEnvironmentId, stopping);

        using var userCancel = new CancellationTokenSource();
        using var leaseLost = new CancellationTokenSource();
        using var timeout = new CancellationTokenSource(Remaining(), time);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping, userCancel.Token, leaseLost.Token, timeout.Token);
        using var registration = cancellations.Register(operationId, userCancel);
        using var tracking = keeper.Track(operationId, workerId, _operation.Kind == OperationKind.Create, userCancel, leaseLost);
        try
        {
            if (_operation.Kind == OperationKind.Create)
                await CreateAsync(run.Token);
            else
                await DeleteAsync(run.Token);
        }
        catch (OperationInterruptedException interrupted) when (interrupted.CanceledByUser)
        {
            await FinishCanceledAsync();
        }
        catch (Exception exception) when (exception is OperationInterruptedException || (exception is OperationCanceledException && leaseLost.IsCancellationRequested))
        {
            logger.LogInformation("Operation {OperationId} lost its lease; another worker continues it", operationId);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested && !stopping.IsCancellationRequested && !leaseLost.IsCancellationRequested)
        {
            if (userCancel.IsCancellationRequested)
                await FinishCanceledAsync();
            else
                await FailAsync("Timeout", $"Provisioning did not finish within {_options.OperationTimeout.TotalMinutes:0.#} minutes.");
        }
        catch (CloudException fault)
        {
            await FailAsync(fault.Code, fault.Message);
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        if (_operation.CancelRequestedAt is not null || _environment.Status is ComputeEnvironmentStatus.Deleting or ComputeEnvironmentStatus.Deleted)
            throw new OperationInterruptedException(canceledByUser: true);

        foreach (var step in ProvisioningSteps.From(_operation.Step))
        {
            var record = await StepRecordAsync(step.ToString(), cancellationToken);
            await SaveAsync(now =>
            {
                _operation.BeginStep(step, now);
                _operation.RecordAttempt(1, now);
                _environment.MarkProvisioning(ProvisioningSteps.Describe(step), now);
                record.RecordAttempt(1, null);
            }, cancellationToken);

            await Retrying(step.ToString(), record).ExecuteAsync(async token => await CallCloudAsync(step, token), cancellationToken);
            await SaveAsync(now => record.End(now, null), cancellationToken);
        }
        await SaveAsync(now =>
        {
            _environment.MarkReady(now);
            _operation.Succeed(now);
        }, cancellationToken);
    }

    private async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await WaitForCreatesToStopAsync(cancellationToken);
        const string step = "Delete";
        var record = await StepRecordAsync(step, cancellationToken);
        await SaveAsync(now =>
        {
            _operation.RecordAttempt(1, now);
            record.RecordAttempt(1, null);
        }, cancellationToken);

        await Retrying(step, record).ExecuteAsync(
            async token => await cloud.DeleteResourcesAsync(_environment.Id, IdempotencyKey(step), token), cancellationToken);
        await SaveAsync(now =>
        {
            record.End(now, null);
            _environment.MarkDeleted(now);
            _operation.Succeed(now);
        }, cancellationToken);
    }

    /// <summary>
    /// A create that is still running would make resources behind the delete's back: wait until it has stopped,
    /// and close creates that nobody runs any more (never started, or abandoned by a crashed worker).
    /// </summary>
    private async Task WaitForCreatesToStopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            await db.Operations
                .Where(o => o.ComputeEnvironmentId == _environment.Id && o.Kind == OperationKind.Create
                    && (o.Status == OperationStatus.NotStarted || o.Status == OperationStatus.Running)
                    && (o.LeaseOwner == null || o.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(o => o.Status, OperationStatus.Canceled)
                    .SetProperty(o => o.ErrorCode, "Canceled")
                    .SetProperty(o => o.ErrorMessage, "Canceled by a delete of the environment.")
                    .SetProperty(o => o.CompletedAt, now)
                    .SetProperty(o => o.UpdatedAt, now), cancellationToken);
            var running = await db.Operations.AnyAsync(o => o.ComputeEnvironmentId == _environment.Id && o.Kind == OperationKind.Create
                && (o.Status == OperationStatus.NotStarted || o.Status == OperationStatus.Running), cancellationToken);
            if (!running)
                return;
            await Task.Delay(CreateStopPollInterval, time, cancellationToken);
        }
    }

    private async Task CallCloudAsync(ProvisioningStep step, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey(step.ToString());
        if (step == ProvisioningStep.VerifyReady)
        {
            await cloud.VerifyClusterAsync(_environment.Id, key, cancellationToken);
            return;
        }
        var kind = step switch
        {
            ProvisioningStep.CreateNetwork => CloudResourceKind.Network,
            ProvisioningStep.CreateStorage => CloudResourceKind.Storage,
            _ => CloudResourceKind.Cluster,
        };
        await cloud.EnsureResourceAsync(new CloudResourceRequest(
            _environment.Id, kind, key, _environment.Cloud, _environment.Region, _environment.NodeType,
            _environment.MinWorkers, _environment.MaxWorkers), cancellationToken);
    }

    private string IdempotencyKey(string step) => $"{_environment.Id:N}/{step}";

    /// <summary>Transient faults are retried with exponential backoff and jitter; each retry is recorded and shown.</summary>
    private ResiliencePipeline Retrying(string step, OperationStepRecord record) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientCloudException>(),
                MaxRetryAttempts = Math.Max(0, _options.MaxAttemptsPerStep - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(2),
                OnRetry = async arguments =>
                {
                    var attempt = arguments.AttemptNumber + 2;
                    var error = arguments.Outcome.Exception?.Message;
                    await SaveAsync(now =>
                    {
                        _operation.RecordAttempt(attempt, now);
                        if (_environment.Status == ComputeEnvironmentStatus.Provisioning)
                            _environment.MarkProvisioning($"{StepDescription(step)}: attempt {attempt} of {_options.MaxAttemptsPerStep} after \"{error}\"", now);
                        record.RecordAttempt(attempt, error);
                    }, arguments.Context.CancellationToken);
                },
            })
            .Build();

    private static string StepDescription(string step) =>
        Enum.TryParse<ProvisioningStep>(step, out var parsed) ? ProvisioningSteps.Describe(parsed) : "Deleting resources";

    private async Task<OperationStepRecord> StepRecordAsync(string step, CancellationToken cancellationToken)
    {
        var record = await db.OperationSteps.FirstOrDefaultAsync(s => s.OperationId == _operation.Id && s.Step == step, cancellationToken);
        if (record is null)
        {
            record = OperationStepRecord.Begin(_operation, step, time.GetUtcNow());
            db.OperationSteps.Add(record);
        }
        return record;
    }

    private Task FinishCanceledAsync() =>
        FinishAsync(now =>
        {
            _operation.Cancel(now);
            EndOpenSteps(now, "Canceled");
        }, publish: false);

    private Task FailAsync(string code, string message) =>
        FinishAsync(now =>
        {
            _operation.Fail(code, message, now);
            EndOpenSteps(now, message);
            if (_operation.Kind == OperationKind.Create && _environment.Status == ComputeEnvironmentStatus.Provisioning)
                _environment.MarkFailed(message, now);
            else if (_operation.Kind == OperationKind.Delete)
                _environment.NoteProblem($"Deleting failed: {message} Delete again to retry.", now);
        }, publish: true);

    private void EndOpenSteps(DateTimeOffset now, string error)
    {
        foreach (var record in db.ChangeTracker.Entries<OperationStepRecord>().Where(r => r.Entity.EndedAt is null))
            record.Entity.End(now, error);
    }

    /// <summary>Records how the operation ended, even after its run was canceled; a lost lease leaves it to the new owner.</summary>
    private async Task FinishAsync(Action<DateTimeOffset> change, bool publish)
    {
        try
        {
            await SaveAsync(change, CancellationToken.None, publish, stopOnCancel: false);
        }
        catch (OperationInterruptedException)
        {
            logger.LogInformation("Operation {OperationId} changed hands while its end was being recorded", _operation.Id);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> and saves it. If the environment changed underneath (a rename, or a cancel
    /// that moved it to Deleting), reloads and applies again or stops; if the lease is gone, stops without writing.
    /// </summary>
    private async Task SaveAsync(Action<DateTimeOffset> change, CancellationToken cancellationToken, bool publish = true, bool stopOnCancel = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            change(time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                await db.Entry(_operation).ReloadAsync(cancellationToken);
                await db.Entry(_environment).ReloadAsync(cancellationToken);
                if (_operation.IsDone || _operation.LeaseOwner is null)
                    throw new OperationInterruptedException(canceledByUser: false);
                if (stopOnCancel && _operation.Kind == OperationKind.Create && (_operation.CancelRequestedAt is not null || _environment.Status is ComputeEnvironmentStatus.Deleting))
                    throw new OperationInterruptedException(canceledByUser: true);
            }
        }
        if (publish)
            notifier.Publish(EnvironmentStatusChanged.Of(_environment, _operation, time.GetUtcNow()));
    }

    private TimeSpan Remaining()
    {
        var left = _operation.CreatedAt + _options.OperationTimeout - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }
}
