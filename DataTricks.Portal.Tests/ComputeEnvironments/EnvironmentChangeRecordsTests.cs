using DataTricks.Domain.Auditing;
using DataTricks.Domain.Cloud;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>
/// What each change to an environment writes for people to read: the audit row, the status line on its card, and, when
/// a change is refused, the reason.
/// </summary>
public sealed class EnvironmentChangeRecordsTests : DomainTest
{
    [Fact]
    public async Task Create_rename_resize_and_delete_each_leave_one_row_saying_what_was_done()
    {
        var environment = await Domain.ReadyEnvironmentAsync("audited-env");
        Domain.Time.Advance(TimeSpan.FromSeconds(1));
        await UpdateAsync(environment.Id, new UpdateEnvironmentRequest("renamed-env", null, null));
        Domain.Time.Advance(TimeSpan.FromSeconds(1));
        var resize = await UpdateAsync(environment.Id, new UpdateEnvironmentRequest(null, 2, 3));
        await Domain.RunAsync(resize.OperationId!.Value);
        Domain.Time.Advance(TimeSpan.FromSeconds(1));
        var delete = await Domain.EnvironmentsAsync(s => s.DeleteAsync(environment.Id, null, Ct));
        Assert.True(delete.Succeeded, delete.Failure?.Detail);

        Assert.Equal(
            [
                (AuditActions.EnvironmentCreated, $"audited-env on Aws us-east-1, 1-2 × {environment.NodeType}"),
                (AuditActions.EnvironmentUpdated, "renamed-env: renamed"),
                (AuditActions.EnvironmentUpdated, "renamed-env: resizing to 2-3 workers"),
                (AuditActions.EnvironmentDeleted, "renamed-env"),
            ],
            await RowsAsync(environment.Id));
    }

    [Fact]
    public async Task A_retry_resumes_at_the_failed_step_and_says_so_on_the_card_and_in_the_log()
    {
        Domain.Cloud.Fail("create Storage", new PermanentCloudException("Quota", "No storage quota."));
        var environment = await Domain.CreateEnvironmentAsync("retried-env");
        await Domain.RunAsync(environment.OperationId!.Value);

        Domain.Time.Advance(TimeSpan.FromSeconds(1));
        var retried = await Domain.EnvironmentsAsync(s => s.RetryAsync(environment.Id, cancellationToken: Ct));

        Assert.Equal((ComputeEnvironmentStatus.Provisioning, "Retry queued: resuming at creating storage"), (retried.Value!.Status, retried.Value.StatusMessage));
        Assert.Equal((AuditActions.EnvironmentRetried, "retried-env from CreateStorage"), (await RowsAsync(environment.Id))[^1]);
    }

    [Fact]
    public async Task A_repair_says_what_it_recreates_on_the_card_and_records_what_was_missing()
    {
        var environment = await Domain.ReadyEnvironmentAsync("repaired-env");
        Domain.Cloud.Lose(environment.Id, CloudResourceKind.Cluster);
        await Domain.Services.GetRequiredService<EnvironmentReconciler>().ReconcileAsync(Ct);

        Domain.Time.Advance(TimeSpan.FromSeconds(1));
        var repaired = await Domain.EnvironmentsAsync(s => s.RepairAsync(environment.Id, cancellationToken: Ct));

        Assert.Equal((ComputeEnvironmentStatus.Provisioning, "Repair queued: recreating what is missing"), (repaired.Value!.Status, repaired.Value.StatusMessage));
        Assert.Equal(
            (AuditActions.EnvironmentRepaired, "repaired-env: The cluster is missing from the cloud. Repair recreates it."),
            (await RowsAsync(environment.Id))[^1]);
    }

    [Fact]
    public async Task Changes_in_the_wrong_state_are_refused_with_a_reason_that_names_the_state()
    {
        var pending = await Domain.CreateEnvironmentAsync("pending-env");
        var ready = await Domain.ReadyEnvironmentAsync("ready-env");
        await UpdateAsync(ready.Id, new UpdateEnvironmentRequest(null, 2, 3));
        var deleting = await Domain.CreateEnvironmentAsync("deleting-env");
        await Domain.EnvironmentsAsync(s => s.DeleteAsync(deleting.Id, null, Ct));

        var resizePending = await Domain.EnvironmentsAsync(s => s.UpdateAsync(pending.Id, new UpdateEnvironmentRequest(null, 2, 3), null, Ct));
        var renameDeleting = await Domain.EnvironmentsAsync(s => s.UpdateAsync(deleting.Id, new UpdateEnvironmentRequest("new-name", null, null), null, Ct));
        var deleteResizing = await Domain.EnvironmentsAsync(s => s.DeleteAsync(ready.Id, null, Ct));
        var repairPending = await Domain.EnvironmentsAsync(s => s.RepairAsync(pending.Id, cancellationToken: Ct));
        var retryPending = await Domain.EnvironmentsAsync(s => s.RetryAsync(pending.Id, cancellationToken: Ct));
        var taken = await Domain.EnvironmentsAsync(s => s.UpdateAsync(pending.Id, new UpdateEnvironmentRequest("Ready-Env", null, null), null, Ct));

        Assert.Equal(
            [
                "Only a Ready environment can be resized; this one is Pending.",
                "The environment is being deleted.",
                "The environment is being resized; delete it once the resize has ended.",
                "Only a Degraded environment can be repaired; this one is Pending.",
                "Only a Failed environment can be retried; this one is Pending.",
                "An environment named 'Ready-Env' already exists.",
            ],
            new[] { resizePending, renameDeleting, deleteResizing, repairPending, retryPending, taken }.Select(r => r.Failure?.Detail));
        Assert.All([resizePending, renameDeleting, deleteResizing, repairPending, retryPending, taken], r => Assert.Equal(FailureKind.Conflict, r.Failure?.Kind));
    }

    [Fact]
    public async Task Unknown_or_stale_environments_are_refused_by_name_for_every_change()
    {
        var environment = await Domain.CreateEnvironmentAsync("versioned-env");
        var stale = new VersionMatch(new HashSet<long> { environment.Version + 1 });
        var unknown = Guid.NewGuid();

        var results = new[]
        {
            await Domain.EnvironmentsAsync(s => s.GetAsync(unknown, Ct)),
            await Domain.EnvironmentsAsync(s => s.UpdateAsync(unknown, new UpdateEnvironmentRequest("x-env", null, null), null, Ct)),
            await Domain.EnvironmentsAsync(s => s.DeleteAsync(unknown, null, Ct)),
            await Domain.EnvironmentsAsync(s => s.RepairAsync(unknown, null, Ct)),
        };
        var staleResults = new[]
        {
            await Domain.EnvironmentsAsync(s => s.UpdateAsync(environment.Id, new UpdateEnvironmentRequest("x-env", null, null), stale, Ct)),
            await Domain.EnvironmentsAsync(s => s.DeleteAsync(environment.Id, stale, Ct)),
            await Domain.EnvironmentsAsync(s => s.RetryAsync(environment.Id, stale, Ct)),
        };

        Assert.All(results, r => Assert.Equal((FailureKind.NotFound, "The compute environment was not found."), (r.Failure?.Kind, r.Failure?.Detail)));
        Assert.All(staleResults, r => Assert.Equal(
            (FailureKind.PreconditionFailed, "The environment changed since you read it; read it again and reapply your change."), (r.Failure?.Kind, r.Failure?.Detail)));
        Assert.Equal("versioned-env", (await Domain.EnvironmentAsync(environment.Id)).Name);
    }

    [Fact]
    public async Task Deleting_twice_queues_one_delete_and_a_failed_delete_can_be_asked_for_again()
    {
        var environment = await Domain.ReadyEnvironmentAsync("deleted-twice");
        Domain.Cloud.Fail("delete resources", new PermanentCloudException("Locked", "The network is locked."));

        var first = await Domain.EnvironmentsAsync(s => s.DeleteAsync(environment.Id, null, Ct));
        var second = await Domain.EnvironmentsAsync(s => s.DeleteAsync(environment.Id, null, Ct));
        Assert.Equal(first.Value!.OperationId, second.Value!.OperationId);
        await Domain.RunAsync(first.Value.OperationId!.Value);
        var again = await Domain.EnvironmentsAsync(s => s.DeleteAsync(environment.Id, null, Ct));

        Assert.NotEqual(first.Value.OperationId, again.Value!.OperationId);
        Assert.Equal(2, await Domain.AsSystemAsync(db => db.Operations.CountAsync(o => o.ComputeEnvironmentId == environment.Id && o.Kind == OperationKind.Delete, Ct)));
    }

    [Fact]
    public async Task A_rename_is_told_to_open_pages_at_once()
    {
        var environment = await Domain.CreateEnvironmentAsync("before-env");
        var published = new List<string>();
        using var subscription = Domain.Services.GetRequiredService<EnvironmentChangeNotifier>().Subscribe(Domain.CustomerId, change =>
        {
            lock (published) published.Add(change.Name);
            return Task.CompletedTask;
        });

        await UpdateAsync(environment.Id, new UpdateEnvironmentRequest("after-env", null, null));

        lock (published) Assert.Equal(["after-env"], published);
    }


    [Fact]
    public async Task A_rename_midway_tells_open_pages_and_the_outbox_one_whole_snapshot_with_the_operations_progress()
    {
        Domain.Cloud.WorkTime["create Network"] = TimeSpan.FromMinutes(10);
        var environment = await Domain.CreateEnvironmentAsync("midway-env");
        await Domain.PumpAsync();
        var published = new List<EnvironmentSnapshot>();
        using var subscription = Domain.Services.GetRequiredService<EnvironmentChangeNotifier>().Subscribe(Domain.CustomerId, snapshot =>
        {
            lock (published) published.Add(snapshot);
            return Task.CompletedTask;
        });

        await UpdateAsync(environment.Id, new UpdateEnvironmentRequest("renamed-midway", null, null));

        var operation = await Domain.OperationAsync(environment.OperationId!.Value);
        EnvironmentSnapshot told;
        lock (published) told = Assert.Single(published);
        Assert.Equal(("renamed-midway", ComputeEnvironmentStatus.Provisioning, ProvisioningStep.CreateNetwork, (DateTimeOffset?)operation.CreatedAt),
            (told.Name, told.Status, told.CurrentStep, told.OperationStartedAt));
        var written = await Domain.AsSystemAsync(db => db.EnvironmentChanges.Where(c => c.EnvironmentId == environment.Id)
            .OrderByDescending(c => c.Sequence).Select(c => c.Snapshot).FirstAsync(Ct));
        Assert.Equal(told, written);
    }

    private async Task<EnvironmentView> UpdateAsync(Guid id, UpdateEnvironmentRequest request)
    {
        var result = await Domain.EnvironmentsAsync(s => s.UpdateAsync(id, request, null, Ct));
        Assert.True(result.Succeeded, result.Failure?.Detail);
        return result.Value;
    }

    private async Task<List<(string Action, string? Details)>> RowsAsync(Guid environmentId)
    {
        var rows = await Domain.AsSystemAsync(db => db.AuditEvents.Where(e => e.TargetType == "environment" && e.TargetId == environmentId.ToString())
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => new { e.Action, e.Details }).ToListAsync(Ct));
        return rows.Select(r => (r.Action, r.Details)).ToList();
    }

}
