using DataTricks.Domain.Cloud;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Repos;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>What a delete stops on its way in, and what it refuses to start.</summary>
public sealed class EnvironmentDeletionTests : DomainTest
{
    [Fact]
    public async Task Staff_acting_in_the_customer_may_cancel_a_create_by_deleting_but_not_delete_a_created_environment()
    {
        var creating = await Domain.CreateEnvironmentAsync("creating-env");
        var ready = await Domain.ReadyEnvironmentAsync("ready-env");
        var staff = TenantScope.ForImpersonation(Domain.CustomerId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(1));

        var canceled = await AsStaffAsync(staff, s => s.DeleteAsync(creating.Id, cancellationToken: Ct));
        var deleted = await AsStaffAsync(staff, s => s.DeleteAsync(ready.Id, cancellationToken: Ct));
        var unknown = await AsStaffAsync(staff, s => s.DeleteAsync(Guid.NewGuid(), cancellationToken: Ct));

        Assert.True(canceled.Succeeded, canceled.Failure?.Detail);
        Assert.Equal(ComputeEnvironmentStatus.Deleting, canceled.Value!.Status);
        Assert.Equal(ProblemCodes.ImpersonationRefused, deleted.Failure?.Code);
        Assert.Equal(ComputeEnvironmentStatus.Ready, (await Domain.EnvironmentAsync(ready.Id)).Status);
        Assert.Equal(ProblemCodes.ImpersonationRefused, unknown.Failure?.Code);
    }

    private async Task<Result<EnvironmentView>> AsStaffAsync(TenantScope staff, Func<ComputeEnvironmentService, Task<Result<EnvironmentView>>> call)
    {
        await using var scope = Domain.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(staff);
        return await call(scope.ServiceProvider.GetRequiredService<ComputeEnvironmentService>());
    }

    [Fact]
    public async Task Deleting_asks_only_this_environments_create_that_has_not_ended_to_stop()
    {
        var doomed = await Domain.CreateEnvironmentAsync("doomed-env");
        var bystander = await Domain.CreateEnvironmentAsync("bystander-env");

        await DeleteAsync(doomed.Id);

        Assert.NotNull((await Domain.OperationAsync(doomed.OperationId!.Value)).CancelRequestedAt);
        Assert.Null((await Domain.OperationAsync(bystander.OperationId!.Value)).CancelRequestedAt);
    }

    [Fact]
    public async Task Deleting_during_a_repair_stops_the_repair_and_leaves_the_finished_create_alone()
    {
        var environment = await Domain.CreateEnvironmentAsync("repairing-env");
        await Domain.RunAsync(environment.OperationId!.Value);
        Domain.Cloud.Lose(environment.Id, CloudResourceKind.Cluster);
        await Domain.Services.GetRequiredService<EnvironmentReconciler>().ReconcileAsync(Ct);
        var repair = await Domain.EnvironmentsAsync(s => s.RepairAsync(environment.Id, cancellationToken: Ct));

        await DeleteAsync(environment.Id);

        Assert.NotNull((await Domain.OperationAsync(repair.Value!.OperationId!.Value)).CancelRequestedAt);
        Assert.Null((await Domain.OperationAsync(environment.OperationId.Value)).CancelRequestedAt);
    }

    [Fact]
    public async Task A_delete_refused_for_bound_repos_names_them_in_order()
    {
        var environment = await Domain.CreateEnvironmentAsync("bound-env");
        foreach (var name in new[] { "zeta", "alpha" })
            await Domain.AsCustomerAsync(s => s.GetRequiredService<RepoService>().CreateAsync(new CreateRepoRequest(name, null, environment.Id)));

        var refused = await Domain.EnvironmentsAsync(s => s.DeleteAsync(environment.Id, null, Ct));

        Assert.Equal((FailureKind.Conflict, ProblemCodes.EnvironmentInUse), (refused.Failure?.Kind, refused.Failure?.ProblemCode));
        Assert.Equal("The environment is used by 2 repos: alpha, zeta. Move or delete them first.", refused.Failure?.Detail);
        var repos = Assert.IsAssignableFrom<IEnumerable<BoundRepo>>(refused.Failure?.Extensions?["repos"]);
        Assert.Equal(["alpha", "zeta"], repos.Select(r => r.Name));
    }

    private async Task DeleteAsync(Guid id)
    {
        var deleted = await Domain.EnvironmentsAsync(s => s.DeleteAsync(id, null, Ct));
        Assert.True(deleted.Succeeded, deleted.Failure?.Detail);
    }

}
