using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>When the engine asks the cloud again: after a pause that doubles per attempt, and never past the timeout.</summary>
public sealed class RetryTimingTests
{
    private static TransientCloudException Throttled() => new("Throttled", "The cloud is throttling requests.");

    [Fact]
    public async Task Each_retry_waits_between_half_and_all_of_a_doubling_pause_that_stops_growing_at_two_minutes()
    {
        await using var engine = await DomainHarness.StartAsync(new()
        {
            ["Provisioning:RetryBaseDelay"] = "00:00:10", ["Provisioning:MaxAttemptsPerStep"] = "8", ["Provisioning:OperationTimeout"] = "1.00:00:00",
        });
        engine.Cloud.Fail("create Network", Enumerable.Range(0, 7).Select(_ => (Exception)Throttled()).ToArray());
        var environment = await engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;

        // Attempt n waits for a random pause in [p/2, p], p = 10 s × 2^(n-2), at most 120 s.
        double[] pauses = [10, 20, 40, 80, 120, 120, 120];
        foreach (var (pause, attempt) in pauses.Select((p, i) => (TimeSpan.FromSeconds(p), i + 2)))
        {
            Assert.Equal(1, await engine.PumpAsync());
            var waiting = await engine.OperationAsync(operationId);
            var waited = waiting.DueAt - engine.Time.GetUtcNow();
            Assert.Equal(attempt, waiting.Attempt);
            Assert.InRange(waited, pause / 2, pause);
            engine.Time.Advance(waited);
        }

        await engine.RunAsync(operationId);
        Assert.Equal(ComputeEnvironmentStatus.Ready, (await engine.EnvironmentAsync(environment.Id)).Status);
        var network = (await engine.StepsAsync(operationId)).Single(s => s.Step == nameof(ProvisioningStep.CreateNetwork));
        Assert.Equal((8, null), (network.Attempts, network.Error));
    }

    [Fact]
    public async Task A_retry_that_would_come_after_the_timeout_comes_at_the_timeout_and_fails_the_operation_then()
    {
        // The first retry would wait 30 to 60 s; the operation has 20 s.
        await using var engine = await DomainHarness.StartAsync(new() { ["Provisioning:RetryBaseDelay"] = "00:01:00", ["Provisioning:OperationTimeout"] = "00:00:20" });
        engine.Cloud.Fail("create Storage", Throttled());
        var environment = await engine.CreateEnvironmentAsync();
        var operationId = environment.OperationId!.Value;

        Assert.Equal(1, await engine.PumpAsync());

        var waiting = await engine.OperationAsync(operationId);
        Assert.Equal((2, waiting.CreatedAt + TimeSpan.FromSeconds(20)), (waiting.Attempt, waiting.DueAt));
        var storage = (await engine.StepsAsync(operationId)).Single(s => s.Step == nameof(ProvisioningStep.CreateStorage));
        Assert.Equal((2, "The cloud is throttling requests.", null), (storage.Attempts, storage.Error, storage.EndedAt));
        Assert.Equal("Creating storage: attempt 2 of 5 after \"The cloud is throttling requests.\"", (await engine.EnvironmentAsync(environment.Id)).StatusMessage);
        engine.Time.Advance(waiting.DueAt - engine.Time.GetUtcNow());
        Assert.Equal(1, await engine.PumpAsync());
        var failed = await engine.OperationAsync(operationId);
        Assert.Equal(("Timeout", waiting.DueAt), (failed.ErrorCode, failed.UpdatedAt));
        // The open step ends with the reason; the step that had ended keeps its own end.
        var steps = (await engine.StepsAsync(operationId)).ToDictionary(s => s.Step);
        Assert.Equal((waiting.DueAt, "The operation did not finish within 0.3 minutes."), (steps["CreateStorage"].EndedAt, steps["CreateStorage"].Error));
        Assert.Equal((waiting.CreatedAt, null), (steps["CreateNetwork"].EndedAt, steps["CreateNetwork"].Error));
    }

    [Fact]
    public async Task A_retried_step_keeps_saying_which_attempt_it_is_while_the_cloud_works_on_it()
    {
        await using var engine = await DomainHarness.StartAsync();
        engine.Cloud.Fail("create Storage", Throttled());
        engine.Cloud.WorkTime["create Storage"] = TimeSpan.FromMinutes(10);
        var environment = await engine.CreateEnvironmentAsync();
        Assert.Equal(1, await engine.PumpAsync());
        var retrying = await engine.OperationAsync(environment.OperationId!.Value);
        engine.Time.Advance(retrying.DueAt - engine.Time.GetUtcNow());

        Assert.Equal(1, await engine.PumpAsync());

        Assert.Equal(2, (await engine.OperationAsync(environment.OperationId.Value)).Attempt);
        Assert.Equal("Creating storage: attempt 2 of 5 after \"The cloud is throttling requests.\"", (await engine.EnvironmentAsync(environment.Id)).StatusMessage);
    }

    [Fact]
    public async Task A_call_the_cloud_is_working_on_is_checked_until_done_and_never_begun_twice()
    {
        await using var engine = await DomainHarness.StartAsync();
        engine.Cloud.WorkTime["create Network"] = TimeSpan.FromMinutes(10);
        var environment = await engine.CreateEnvironmentAsync();

        Assert.Equal(1, await engine.PumpAsync());
        Assert.Equal(["begin create Network"], engine.Cloud.Requests);
        var working = Assert.Single(await engine.StepsAsync(environment.OperationId!.Value));
        Assert.Equal((1, null), (working.Attempts, working.EndedAt));
        engine.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await engine.PumpAsync());

        Assert.Equal(["begin create Network", "check create Network"], engine.Cloud.Requests.Take(2));
        Assert.Equal(1, engine.Cloud.Requests.Count(r => r == "begin create Network"));
        Assert.Equal(ComputeEnvironmentStatus.Ready, (await engine.EnvironmentAsync(environment.Id)).Status);
    }
}
