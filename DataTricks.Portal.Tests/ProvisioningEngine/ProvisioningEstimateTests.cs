using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Components.Pages.Environments;
using DataTricks.Portal.Components.Shared;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>The ETA: medians of the customer's past steps, what is left of a running provisioning, and how the portal words it.</summary>
public sealed class ProvisioningEstimateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static ProvisioningEstimate History(params (ProvisioningStep Step, int Seconds)[] samples) =>
        ProvisioningEstimate.FromHistory(samples.Select(s => (s.Step, TimeSpan.FromSeconds(s.Seconds))));

    // Built per use, not once per process: Stryker's test process outlives each mutant, and a value computed before a
    // mutant is switched on would never see it.
    private static ProvisioningEstimate Typical => History(
        (ProvisioningStep.CreateNetwork, 60), (ProvisioningStep.CreateNetwork, 80), (ProvisioningStep.CreateNetwork, 600),
        (ProvisioningStep.CreateStorage, 30), (ProvisioningStep.CreateStorage, 50),
        (ProvisioningStep.CreateCluster, 300),
        (ProvisioningStep.VerifyReady, 10));

    [Fact]
    public void Each_step_takes_its_median_so_one_slow_run_does_not_skew_it()
    {
        Assert.Equal(TimeSpan.FromSeconds(80), Typical.Typical(ProvisioningStep.CreateNetwork));
        Assert.Equal(TimeSpan.FromSeconds(40), Typical.Typical(ProvisioningStep.CreateStorage));
        Assert.Equal(TimeSpan.FromSeconds(80 + 40 + 300 + 10), Typical.Total);
    }

    [Fact]
    public void What_is_left_is_the_rest_of_the_current_step_and_every_later_step()
    {
        Assert.Equal(TimeSpan.FromSeconds(200 + 10), Typical.Remaining(ProvisioningStep.CreateCluster, TimeSpan.FromSeconds(100)));
        // A step running longer than usual has nothing left of itself, never less than nothing.
        Assert.Equal(TimeSpan.FromSeconds(10), Typical.Remaining(ProvisioningStep.CreateCluster, TimeSpan.FromSeconds(900)));
        Assert.Equal(Typical.Total, Typical.Remaining(null, TimeSpan.Zero));
    }

    [Fact]
    public void Without_a_history_of_every_step_there_is_no_estimate()
    {
        var partial = History((ProvisioningStep.CreateNetwork, 60), (ProvisioningStep.CreateStorage, 30));

        Assert.Null(partial.Total);
        Assert.Null(partial.Remaining(ProvisioningStep.CreateStorage, TimeSpan.Zero));
        Assert.Null(ProvisioningEstimate.None.Total);
    }

    [Fact]
    public void A_card_words_the_eta_only_while_provisioning_with_a_history()
    {
        var provisioning = View(ComputeEnvironmentStatus.Provisioning, ProvisioningStep.CreateCluster, updatedSecondsAgo: 100);

        Assert.Equal("About 3m 30s left", EnvironmentTiming.Eta(provisioning, Now, Typical));
        Assert.Equal("About 7m 10s left", EnvironmentTiming.Eta(View(ComputeEnvironmentStatus.Pending, null, 0), Now, Typical));
        Assert.Null(EnvironmentTiming.Eta(provisioning, Now, ProvisioningEstimate.None));
        Assert.Null(EnvironmentTiming.Eta(View(ComputeEnvironmentStatus.Ready, ProvisioningStep.VerifyReady, 0), Now, Typical));
    }

    [Fact]
    public void A_delete_counts_from_when_it_began_and_a_ready_environment_says_since_when()
    {
        var created = Now.AddDays(-3);
        var deleting = View(ComputeEnvironmentStatus.Deleting, null, 0) with { CreatedAt = created, OperationStartedAt = Now.AddSeconds(-12) };
        var ready = View(ComputeEnvironmentStatus.Ready, null, 0) with { CreatedAt = created, ReadyAt = created };

        Assert.Equal("Deleting for 12s", EnvironmentTiming.Describe(deleting, Now, ViewerClock.Utc));
        Assert.Equal("Ready since 2026-11-24 12:00 UTC", EnvironmentTiming.Describe(ready, Now, ViewerClock.Utc));
        Assert.Equal("Ready since 2026-11-24 13:00 Europe/Paris", EnvironmentTiming.Describe(ready, Now, ViewerClock.Of("Europe/Paris")));
    }

    private static EnvironmentView View(ComputeEnvironmentStatus status, ProvisioningStep? step, int updatedSecondsAgo) =>
        new(Guid.NewGuid(), "eta-env", CloudProvider.Aws, "eu-west-1", "m5.xlarge", 1, 2, status, null,
            Now.AddHours(-1), Now.AddSeconds(-updatedSecondsAgo), null, Guid.NewGuid(), 0, 3, step, Now.AddMinutes(-5));
}
