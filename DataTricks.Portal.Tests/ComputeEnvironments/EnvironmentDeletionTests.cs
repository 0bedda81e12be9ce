using DataTricks.Domain.Cloud;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Repos;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>What a delete stops on its way in, and what it refuses to start.</summary>
public sealed class EnvironmentDeletionTests : IAsyncLifetime
{
    private DomainHarness _domain = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _domain.DisposeAsync();

    [Fact]
    public async Task Deleting_asks_only_this_environments_create_that_has_not_ended_to_stop()
    {
        var doomed = await _domain.CreateEnvironmentAsync("doomed-env");
        var bystander = await _domain.CreateEnvironmentAsync("bystander-env");

        await DeleteAsync(doomed.Id);

        Assert.NotNull((await _domain.OperationAsync(doomed.OperationId!.Value)).CancelRequestedAt);
        Assert.Null((await _domain.OperationAsync(bystander.OperationId!.Value)).CancelRequestedAt);
    }

    [Fact]
    public async Task Deleting_during_a_repair_stops_the_repair_and_leaves_the_finished_create_alone()
    {
        var environment = await _domain.CreateEnvironmentAsync("repairing-env");
        await _domain.RunAsync(environment.OperationId!.Value);
        _domain.Cloud.Lose(environment.Id, CloudResourceKind.Cluster);
        await _domain.Services.GetRequiredService<EnvironmentReconciler>().ReconcileAsync(Ct);
        var repair = await EnvironmentsAsync(s => s.RepairAsync(environment.Id, cancellationToken: Ct));

        await DeleteAsync(environment.Id);

        Assert.NotNull((await _domain.OperationAsync(repair.Value!.OperationId!.Value)).CancelRequestedAt);
        Assert.Null((await _domain.OperationAsync(environment.OperationId.Value)).CancelRequestedAt);
    }

    [Fact]
    public async Task A_delete_refused_for_bound_repos_names_them_in_order()
    {
        var environment = await _domain.CreateEnvironmentAsync("bound-env");
        foreach (var name in new[] { "zeta", "alpha" })
            await _domain.AsCustomerAsync(s => s.GetRequiredService<RepoService>().CreateAsync(new CreateRepoRequest(name, null, environment.Id)));

        var refused = await EnvironmentsAsync(s => s.DeleteAsync(environment.Id, null, Ct));

        Assert.Equal((FailureKind.Conflict, ProblemCodes.EnvironmentInUse), (refused.Failure?.Kind, refused.Failure?.ProblemCode));
        Assert.Equal("The environment is used by 2 repos: alpha, zeta. Move or delete them first.", refused.Failure?.Detail);
        var repos = Assert.IsAssignableFrom<IEnumerable<BoundRepo>>(refused.Failure?.Extensions?["repos"]);
        Assert.Equal(["alpha", "zeta"], repos.Select(r => r.Name));
    }

    private async Task DeleteAsync(Guid id)
    {
        var deleted = await EnvironmentsAsync(s => s.DeleteAsync(id, null, Ct));
        Assert.True(deleted.Succeeded, deleted.Failure?.Detail);
    }

    private Task<T> EnvironmentsAsync<T>(Func<ComputeEnvironmentService, Task<T>> call) =>
        _domain.AsCustomerAsync(s => call(s.GetRequiredService<ComputeEnvironmentService>()));
}
