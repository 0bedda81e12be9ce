using Bunit;
using DataTricks.Portal.Tests.Support;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Components.Pages.Environments;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Components;

/// <summary>The timeline speaks to people: step names in words, how long each took, the error's sentence before its code.</summary>
public sealed class OperationTimelineViewTests : MudComponentTest
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Steps_show_their_duration_and_a_failure_its_message_with_the_code_apart()
    {
        var operation = new OperationView(Guid.NewGuid(), OperationKind.Create, OperationStatus.Failed, true, Guid.NewGuid(), "CreateCluster", 3, 4, 2,
            new OperationError("InjectedFault", "The cloud refused the cluster."), Start, Start.AddMinutes(5));
        var steps = new[]
        {
            new StepRecordView("CreateNetwork", 1, Start, Start.AddSeconds(45), null),
            new StepRecordView("CreateStorage", 1, Start.AddSeconds(45), Start.AddMinutes(2).AddSeconds(50), null),
            new StepRecordView("CreateCluster", 2, Start.AddMinutes(3), null, "The cloud refused the cluster."),
        };

        var view = Render<OperationTimelineView>(p => p.Add(v => v.Timeline, new OperationTimeline(operation, steps)));

        Assert.Equal("The cloud refused the cluster.", view.Find(".operation-error").TextContent.Trim());
        Assert.Contains("InjectedFault", view.Find(".operation-error-code").TextContent);
        Assert.Equal(["45s", "2m 05s", "running"], view.FindAll("[data-took]").Select(c => c.TextContent));
        Assert.Contains(ProvisioningSteps.Describe(ProvisioningStep.CreateNetwork), view.Find("tr[data-step=CreateNetwork]").TextContent);
    }

    [Fact]
    public void A_running_provisioning_shows_what_each_step_usually_takes_and_how_long_is_left()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddMinutes(2));
        Services.AddSingleton<TimeProvider>(clock);
        var history = ProvisioningEstimate.FromHistory([
            (ProvisioningStep.CreateNetwork, TimeSpan.FromSeconds(60)), (ProvisioningStep.CreateStorage, TimeSpan.FromSeconds(90)),
            (ProvisioningStep.CreateCluster, TimeSpan.FromMinutes(5)), (ProvisioningStep.VerifyReady, TimeSpan.FromSeconds(10))]);
        var operation = new OperationView(Guid.NewGuid(), OperationKind.Create, OperationStatus.Running, false, Guid.NewGuid(), "CreateStorage", 2, 4, 1,
            null, Start, Start.AddMinutes(1));
        var steps = new[]
        {
            new StepRecordView("CreateNetwork", 1, Start, Start.AddMinutes(1), null),
            new StepRecordView("CreateStorage", 1, Start.AddMinutes(1), null, null),
        };

        var view = Render<OperationTimelineView>(p => p.Add(v => v.Timeline, new OperationTimeline(operation, steps)).Add(v => v.Estimate, history));

        Assert.Equal(["1m 00s", "1m 30s", "5m 00s", "10s"], view.FindAll("[data-usually]").Select(c => c.TextContent));
        Assert.Equal(2, view.FindAll("tr[data-waiting]").Count);
        // 30s left of storage (60s of 90s run), then 5m and 10s.
        Assert.Equal("About 5m 40s left", view.Find(".operation-eta").TextContent);
    }

    [Fact]
    public void Without_a_history_a_running_provisioning_promises_no_time()
    {
        var operation = new OperationView(Guid.NewGuid(), OperationKind.Create, OperationStatus.Running, false, Guid.NewGuid(), "CreateNetwork", 1, 4, 1,
            null, Start, Start);

        var view = Render<OperationTimelineView>(p => p.Add(v => v.Timeline, new OperationTimeline(operation, [new StepRecordView("CreateNetwork", 1, Start, null, null)])));

        Assert.Empty(view.FindAll(".operation-eta"));
        Assert.All(view.FindAll("[data-usually]"), c => Assert.Equal("–", c.TextContent));
    }

    [Theory]
    [InlineData(0, "0 repos")]
    [InlineData(1, "1 repo")]
    [InlineData(2, "2 repos")]
    public void Counts_read_as_words(int count, string expected) => Assert.Equal(expected, Plural.Of(count, "repo"));
}
