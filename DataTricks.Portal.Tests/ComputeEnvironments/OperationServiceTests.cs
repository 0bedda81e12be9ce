using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>Following an environment's operations, and canceling a create, as the service answers them.</summary>
public sealed class OperationServiceTests : DomainTest
{
    [Fact]
    public async Task Canceling_a_create_queues_its_delete_records_what_was_canceled_and_tells_open_pages()
    {
        var environment = await Domain.CreateEnvironmentAsync("to-cancel");
        var createId = environment.OperationId!.Value;
        var published = new List<(ComputeEnvironmentStatus Status, Guid? OperationId)>();
        using var subscription = Domain.Services.GetRequiredService<EnvironmentChangeNotifier>().Subscribe(Domain.CustomerId, change =>
        {
            lock (published) published.Add((change.Status, change.OperationId));
            return Task.CompletedTask;
        });

        var canceled = (await OperationsAsync(s => s.CancelAsync(createId, Ct))).Value!;

        Assert.Equal(createId, canceled.Canceled.Id);
        var delete = await Domain.OperationAsync(canceled.DeleteOperationId);
        Assert.Equal((OperationKind.Delete, environment.Id), (delete.Kind, delete.ComputeEnvironmentId));
        lock (published) Assert.Equal([(ComputeEnvironmentStatus.Deleting, canceled.DeleteOperationId)], published);
        var audit = await Domain.AsSystemAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.OperationCanceled).ToListAsync(Ct));
        Assert.Equal([("operation", createId.ToString(), "Create of to-cancel canceled")], audit.Select(e => (e.TargetType, e.TargetId, e.Details)));
    }

    [Fact]
    public async Task A_create_a_worker_holds_when_canceled_is_waited_for_then_stops_at_its_next_advance_ending_its_open_step()
    {
        Domain.Cloud.WorkTime["create Network"] = TimeSpan.FromMinutes(10);
        var environment = await Domain.CreateEnvironmentAsync("held-env");
        var createId = environment.OperationId!.Value;
        Assert.Equal(1, await Domain.PumpAsync());
        var leases = Domain.Services.GetRequiredService<OperationLeases>();
        var runner = Domain.Services.GetRequiredService<OperationRunner>();
        Assert.True(await leases.TryClaimAsync(createId, "worker-a", Ct));

        var deleteId = (await OperationsAsync(s => s.CancelAsync(createId, Ct))).Value!.DeleteOperationId;
        Assert.True(await leases.TryClaimAsync(deleteId, "worker-b", Ct));
        await runner.AdvanceAsync(deleteId, "worker-b", Ct);

        var waiting = await Domain.OperationAsync(deleteId);
        Assert.True(waiting.DueAt > Domain.Time.GetUtcNow(), "The delete did not wait for the create its worker holds.");
        Assert.Equal(OperationStatus.Running, (await Domain.OperationAsync(createId)).Status);

        await runner.AdvanceAsync(createId, "worker-a", Ct);

        var canceled = await Domain.OperationAsync(createId);
        Assert.Equal(OperationStatus.Canceled, canceled.Status);
        var network = Assert.Single(await Domain.StepsAsync(createId));
        Assert.Equal((Domain.Time.GetUtcNow(), "Canceled"), (network.EndedAt, network.Error));
        Assert.Equal(["begin create Network"], Domain.Cloud.Requests);
    }

    [Fact]
    public async Task A_cancel_is_refused_with_the_reason_for_an_unknown_ended_or_delete_operation()
    {
        var finished = await Domain.CreateEnvironmentAsync("finished-env");
        await Domain.RunAsync(finished.OperationId!.Value);
        var canceledCreate = await Domain.CreateEnvironmentAsync("canceled-env");
        var delete = (await OperationsAsync(s => s.CancelAsync(canceledCreate.OperationId!.Value, Ct))).Value!.DeleteOperationId;

        var unknown = await OperationsAsync(s => s.CancelAsync(Guid.NewGuid(), Ct));
        var ended = await OperationsAsync(s => s.CancelAsync(finished.OperationId.Value, Ct));
        var ofDelete = await OperationsAsync(s => s.CancelAsync(delete, Ct));

        Assert.Equal((FailureKind.NotFound, "The operation was not found."), (unknown.Failure?.Kind, unknown.Failure?.Detail));
        Assert.Equal((FailureKind.Conflict, "The operation has already ended (Succeeded)."), (ended.Failure?.Kind, ended.Failure?.Detail));
        Assert.Equal((FailureKind.Conflict, "Only a create can be canceled; a delete always runs to its end."), (ofDelete.Failure?.Kind, ofDelete.Failure?.Detail));
        Assert.Equal(OperationStatus.NotStarted, (await Domain.OperationAsync(delete)).Status);
    }

    [Fact]
    public async Task An_unknown_operation_or_environment_is_not_found_by_name()
    {
        var operation = await OperationsAsync(s => s.GetAsync(Guid.NewGuid(), Ct));
        var history = await OperationsAsync(s => s.ListForEnvironmentAsync(Guid.NewGuid(), new ListQuery(null, 0, 10), Ct));

        Assert.Equal("The operation was not found.", operation.Failure?.Detail);
        Assert.Equal("The compute environment was not found.", history.Failure?.Detail);
    }

    [Fact]
    public async Task An_environments_history_pages_newest_first_and_breaks_ties_by_id_descending()
    {
        var environment = await Domain.CreateEnvironmentAsync("history-env");
        var ids = await Domain.AsSystemAsync(async db =>
        {
            var create = await db.Operations.SingleAsync(o => o.ComputeEnvironmentId == environment.Id, Ct);
            db.Operations.Add(Operation.Queue(Domain.CustomerId, environment.Id, OperationKind.Repair, create.CreatedAt));
            db.Operations.Add(Operation.Queue(Domain.CustomerId, environment.Id, OperationKind.Delete, create.CreatedAt.AddMinutes(1)));
            await db.SaveChangesAsync(Ct);
            var tied = await db.Operations.Where(o => o.CreatedAt == create.CreatedAt).OrderByDescending(o => o.Id).Select(o => o.Id).ToListAsync(Ct);
            var newest = await db.Operations.Where(o => o.Kind == OperationKind.Delete).Select(o => o.Id).SingleAsync(Ct);
            return (List<Guid>)[newest, .. tied];
        });

        var first = (await OperationsAsync(s => s.ListForEnvironmentAsync(environment.Id, new ListQuery(null, 0, 2), Ct))).Value!;
        var second = (await OperationsAsync(s => s.ListForEnvironmentAsync(environment.Id, new ListQuery(null, 2, 2), Ct))).Value!;

        Assert.Equal(ids, first.Items.Concat(second.Items).Select(o => o.Id));
        Assert.Equal((3, 3), (first.TotalCount, second.TotalCount));
    }

    private Task<T> OperationsAsync<T>(Func<OperationService, Task<T>> call) =>
        Domain.AsCustomerAsync(s => call(s.GetRequiredService<OperationService>()));
}
