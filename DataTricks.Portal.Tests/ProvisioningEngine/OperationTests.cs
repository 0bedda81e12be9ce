using DataTricks.Domain.Provisioning;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>The operation record's own rules, without a worker: what each change leaves on the row.</summary>
public sealed class OperationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static Operation Create() => Operation.Queue(Guid.NewGuid(), Guid.NewGuid(), OperationKind.Create, Now);

    [Fact]
    public void A_queued_operation_is_due_at_once_and_not_started()
    {
        var (customer, environment) = (Guid.NewGuid(), Guid.NewGuid());

        var operation = Operation.Queue(customer, environment, OperationKind.Create, Now);

        Assert.Equal((customer, environment, OperationKind.Create, OperationStatus.NotStarted, Now, Now, Now),
            (operation.CustomerId, operation.ComputeEnvironmentId, operation.Kind, operation.Status, operation.DueAt, operation.CreatedAt, operation.UpdatedAt));
        Assert.False(operation.IsDone);
    }

    [Theory]
    [InlineData(OperationKind.Create, null, null)]
    [InlineData(OperationKind.Repair, null, null)]
    [InlineData(OperationKind.Delete, null, null)]
    [InlineData(OperationKind.Resize, null, null)]
    [InlineData(OperationKind.Create, ProvisioningStep.CreateCluster, ProvisioningStep.CreateCluster)]
    public void An_operation_takes_its_handlers_first_step_when_it_runs_and_a_retry_resumes_where_it_stopped(
        OperationKind kind, ProvisioningStep? resumeFrom, ProvisioningStep? step)
    {
        Assert.Equal(step, Operation.Queue(Guid.NewGuid(), Guid.NewGuid(), kind, Now, resumeFrom).Step);
    }

    [Fact]
    public void A_resize_carries_its_target_worker_counts()
    {
        var resize = Operation.QueueResize(Guid.NewGuid(), Guid.NewGuid(), 2, 9, Now);

        Assert.Equal((OperationKind.Resize, 2, 9), (resize.Kind, resize.TargetMinWorkers, resize.TargetMaxWorkers));
    }

    [Fact]
    public void A_new_step_starts_at_attempt_one_with_no_call_begun_and_the_same_step_again_keeps_its_attempt()
    {
        var operation = Create();
        operation.BeginStep(ProvisioningStep.CreateNetwork, Now.AddSeconds(1));
        operation.NoteCallBegun(Now.AddSeconds(2));
        operation.RetryAt(3, Now.AddMinutes(1), Now.AddSeconds(3));
        operation.NoteCallBegun(Now.AddMinutes(1));

        operation.BeginStep(ProvisioningStep.CreateNetwork, Now.AddMinutes(2));
        Assert.Equal((OperationStatus.Running, 3, Now.AddMinutes(1), Now.AddMinutes(2)),
            (operation.Status, operation.Attempt, operation.CallBegunAt, operation.UpdatedAt));

        operation.BeginStep(ProvisioningStep.CreateStorage, Now.AddMinutes(3));
        Assert.Equal((ProvisioningStep.CreateStorage, 1, (DateTimeOffset?)null), (operation.Step, operation.Attempt, operation.CallBegunAt));
    }

    [Fact]
    public void A_retry_forgets_the_call_and_waits_for_its_backoff()
    {
        var operation = Create();
        operation.BeginStep(ProvisioningStep.CreateNetwork, Now);
        operation.NoteCallBegun(Now);

        operation.RetryAt(2, Now.AddSeconds(30), Now.AddSeconds(1));

        Assert.Equal((2, (DateTimeOffset?)null, Now.AddSeconds(30), Now.AddSeconds(1), OperationStatus.Running),
            (operation.Attempt, operation.CallBegunAt, operation.DueAt, operation.UpdatedAt, operation.Status));
    }

    [Fact]
    public void A_cancel_request_makes_the_operation_due_now_and_keeps_the_first_request_time()
    {
        var operation = Create();
        operation.WaitUntil(Now.AddMinutes(10), Now);

        operation.RequestCancel(Now.AddMinutes(1));
        operation.RequestCancel(Now.AddMinutes(2));

        Assert.Equal((Now.AddMinutes(1), Now.AddMinutes(2)), (operation.CancelRequestedAt!.Value, operation.DueAt));
    }

    [Fact]
    public void An_error_message_is_kept_up_to_1000_characters()
    {
        var kept = Create();
        var cut = Create();

        kept.Fail("CloudError", new string('e', Operation.ErrorMessageMaxLength), Now);
        cut.Fail("CloudError", new string('e', Operation.ErrorMessageMaxLength + 1), Now);

        Assert.Equal((Operation.ErrorMessageMaxLength, Operation.ErrorMessageMaxLength), (kept.ErrorMessage!.Length, cut.ErrorMessage!.Length));
    }

    [Fact]
    public void The_first_ending_stands()
    {
        var operation = Create();

        operation.Fail("Timeout", "Took too long.", Now.AddMinutes(30));
        operation.Succeed(Now.AddMinutes(31));
        operation.Cancel(Now.AddMinutes(32));

        Assert.Equal((OperationStatus.Failed, "Timeout", "Took too long.", Now.AddMinutes(30), Now.AddMinutes(30)),
            (operation.Status, operation.ErrorCode, operation.ErrorMessage, operation.CompletedAt!.Value, operation.UpdatedAt));
        Assert.True(operation.IsDone);
    }

    [Theory]
    [InlineData("succeed", OperationStatus.Succeeded, null, null)]
    [InlineData("cancel", OperationStatus.Canceled, "Canceled", "Canceled at the user's request.")]
    public void Every_ending_is_done(string ending, OperationStatus status, string? code, string? message)
    {
        var operation = Create();

        if (ending == "succeed")
            operation.Succeed(Now);
        else
            operation.Cancel(Now);

        Assert.Equal((status, code, message, true), (operation.Status, operation.ErrorCode, operation.ErrorMessage, operation.IsDone));
    }
}
