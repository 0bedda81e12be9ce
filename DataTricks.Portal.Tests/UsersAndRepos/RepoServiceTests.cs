using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Repos;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.UsersAndRepos;

public sealed class RepoServiceTests : IAsyncLifetime
{
    private DomainHarness _domain = null!;

    public async ValueTask InitializeAsync() => _domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _domain.DisposeAsync();

    [Fact]
    public async Task A_repo_binds_to_an_environment_on_its_way_to_ready()
    {
        var pending = await _domain.CreateEnvironmentAsync("pending-env");

        var repo = await ReposAsync(s => s.CreateAsync(new CreateRepoRequest("Dashboards", "KPIs", pending.Id)));

        Assert.Equal(ComputeEnvironmentStatus.Pending, repo.Value?.ComputeEnvironmentStatus);
        Assert.Equal("pending-env", repo.Value?.ComputeEnvironmentName);
    }

    [Fact]
    public async Task Failed_or_deleting_environments_are_conflicts_and_deleted_or_foreign_ones_not_found()
    {
        _domain.Cloud.Fail("create Network", new Domain.Cloud.PermanentCloudException("Quota", "No quota."));
        var failed = await _domain.CreateEnvironmentAsync("failed-env");
        await _domain.RunAsync(failed.OperationId!.Value);
        var deleting = await _domain.CreateEnvironmentAsync("deleting-env");
        var delete = await _domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().DeleteAsync(deleting.Id));
        var deleted = await _domain.CreateEnvironmentAsync("deleted-env");
        var gone = await _domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().DeleteAsync(deleted.Id));
        await _domain.RunAsync(gone.Value!.OperationId!.Value);
        var foreign = await _domain.CreateEnvironmentAsync("foreign-env", _domain.OtherCustomerId);

        Assert.Equal(FailureKind.Conflict, (await CreateRepoAsync("a", failed.Id)).Failure?.Kind);
        Assert.Equal(FailureKind.Conflict, (await CreateRepoAsync("b", deleting.Id)).Failure?.Kind);
        Assert.Equal(FailureKind.NotFound, (await CreateRepoAsync("c", deleted.Id)).Failure?.Kind);
        Assert.Equal(FailureKind.NotFound, (await CreateRepoAsync("d", foreign.Id)).Failure?.Kind);
        Assert.True(delete.Succeeded);
        Assert.Equal(0, await _domain.AsSystemAsync(db => db.Repos.CountAsync()));
    }

    [Fact]
    public async Task Rebinding_to_another_customers_environment_is_not_found_and_changes_nothing()
    {
        var own = await _domain.CreateEnvironmentAsync("own-env");
        var foreign = await _domain.CreateEnvironmentAsync("their-env", _domain.OtherCustomerId);
        var repo = (await CreateRepoAsync("Models", own.Id)).Value!;

        var rebind = await ReposAsync(s => s.UpdateAsync(repo.Id, new UpdateRepoRequest(null, null, foreign.Id)));

        Assert.Equal(FailureKind.NotFound, rebind.Failure?.Kind);
        Assert.Equal(own.Id, (await ReposAsync(s => s.GetAsync(repo.Id))).Value!.ComputeEnvironmentId);
    }

    [Fact]
    public async Task Members_must_be_users_of_the_same_customer()
    {
        var environment = await _domain.CreateEnvironmentAsync("member-env");
        var repo = (await CreateRepoAsync("Shared", environment.Id)).Value!;
        var own = await CreateUserAsync("ours@ours.test", null);
        var foreign = await CreateUserAsync("theirs@theirs.test", _domain.OtherCustomerId);

        var added = await AccessAsync(s => s.AddMemberAsync(repo.Id, own));
        var again = await AccessAsync(s => s.AddMemberAsync(repo.Id, own));
        var refused = await AccessAsync(s => s.AddMemberAsync(repo.Id, foreign));

        Assert.True(added.Value);
        Assert.False(again.Value);
        Assert.Equal(FailureKind.NotFound, refused.Failure?.Kind);
        var members = (await AccessAsync(s => s.MembersAsync(repo.Id, new ListQuery(null, 0, 25)))).Value!;
        Assert.Equal([own], members.Items.Select(m => m.UserId));
    }

    [Fact]
    public async Task Deleting_a_repo_or_a_user_removes_their_memberships()
    {
        var environment = await _domain.CreateEnvironmentAsync("cascade-env");
        var kept = (await CreateRepoAsync("Kept", environment.Id)).Value!;
        var removed = (await CreateRepoAsync("Removed", environment.Id)).Value!;
        await CreateUserAsync("admin@ours.test", null, Roles.Admin);
        var user = await CreateUserAsync("leaving@ours.test", null);
        var staying = await CreateUserAsync("staying@ours.test", null);
        foreach (var (repo, member) in new[] { (kept.Id, user), (removed.Id, staying), (kept.Id, staying) })
            await AccessAsync(s => s.AddMemberAsync(repo, member));

        await ReposAsync(s => s.DeleteAsync(removed.Id));
        await _domain.AsCustomerAsync(s => s.GetRequiredService<UserService>().DeleteAsync(user));

        var memberships = await _domain.AsSystemAsync(db => db.RepoMembers.Select(m => new { m.RepoId, m.UserId }).ToListAsync());
        Assert.Equal([new { RepoId = kept.Id, UserId = staying }], memberships);
    }

    [Fact]
    public async Task Repo_names_are_unique_per_customer_case_insensitively()
    {
        var environment = await _domain.CreateEnvironmentAsync("names-env");
        await CreateRepoAsync("Churn Model", environment.Id);

        var otherEnvironment = await _domain.CreateEnvironmentAsync("other-names", _domain.OtherCustomerId);

        var clash = await CreateRepoAsync("CHURN model", environment.Id);
        var elsewhere = await _domain.AsCustomerAsync(s => s.GetRequiredService<RepoService>().CreateAsync(
            new CreateRepoRequest("Churn Model", null, otherEnvironment.Id)), _domain.OtherCustomerId);

        Assert.Equal(FailureKind.Conflict, clash.Failure?.Kind);
        Assert.True(elsewhere.Succeeded);
    }

    private Task<Result<RepoView>> CreateRepoAsync(string name, Guid environmentId) =>
        ReposAsync(s => s.CreateAsync(new CreateRepoRequest(name, null, environmentId)));

    private async Task<Guid> CreateUserAsync(string email, Guid? customerId, string role = Roles.Member)
    {
        var created = await _domain.AsCustomerAsync(s => s.GetRequiredService<UserService>()
            .CreateAsync(new CreateUserRequest(email, null, role, null)), customerId);
        return created.Value!.User.Id;
    }

    private Task<T> ReposAsync<T>(Func<RepoService, Task<T>> work) =>
        _domain.AsCustomerAsync(s => work(s.GetRequiredService<RepoService>()));

    private Task<T> AccessAsync<T>(Func<RepoAccessService, Task<T>> work) =>
        _domain.AsCustomerAsync(s => work(s.GetRequiredService<RepoAccessService>()));
}

public sealed class RepoBindingRaceTests : IAsyncLifetime
{
    private DomainHarness _domain = null!;

    public async ValueTask InitializeAsync() => _domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _domain.DisposeAsync();

    [Fact]
    public async Task A_delete_that_read_the_environment_before_a_repo_was_bound_cannot_save()
    {
        var environment = await _domain.CreateEnvironmentAsync("raced-env");
        await using var deleting = _domain.Services.CreateAsyncScope();
        deleting.ServiceProvider.GetRequiredService<DataTricks.Domain.Tenancy.TenantContext>()
            .Set(DataTricks.Domain.Tenancy.TenantScope.ForCustomer(_domain.CustomerId));
        var db = deleting.ServiceProvider.GetRequiredService<DataTricks.Domain.Infrastructure.Persistence.DataTricksDbContext>();
        var stale = await db.ComputeEnvironments.SingleAsync(e => e.Id == environment.Id, TestContext.Current.CancellationToken);
        Assert.Null(await deleting.ServiceProvider.GetRequiredService<EnvironmentDeletion>().RefuseIfBoundAsync(environment.Id, TestContext.Current.CancellationToken));

        var bound = await _domain.AsCustomerAsync(s => s.GetRequiredService<RepoService>().CreateAsync(new CreateRepoRequest("Late repo", null, environment.Id)));
        Assert.True(bound.Succeeded, bound.Failure?.Detail);
        await deleting.ServiceProvider.GetRequiredService<EnvironmentDeletion>().QueueAsync(stale, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ComputeEnvironmentStatus.Pending, (await _domain.EnvironmentAsync(environment.Id)).Status);
    }
}
