using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Repos;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>The services refuse a member's writes themselves, so a forgotten endpoint policy cannot open a hole.</summary>
public sealed class ServiceRolesTests : IAsyncLifetime
{
    private DomainHarness _domain = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _domain.DisposeAsync();

    public static TheoryData<string> Writes => ["create user", "promote user", "delete user", "reset password", "sign out everywhere",
        "create environment", "rename environment", "delete environment", "retry environment", "cancel operation",
        "create repo", "rename repo", "delete repo", "add member", "remove member", "rename customer",
        "create group", "rename group", "delete group", "add group member", "share repo with group", "stop sharing repo with group"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_member_is_refused_an_admin_write_when_calling_the_service_directly(string write)
    {
        var environment = await _domain.CreateEnvironmentAsync($"env-{Guid.NewGuid():N}"[..20]);
        var (userId, repoId, groupId) = await _domain.AsCustomerAsync(async services =>
        {
            var user = (await services.GetRequiredService<UserService>().CreateAsync(new CreateUserRequest($"{Guid.NewGuid():N}@x.test", null, Roles.Member, null), Ct)).Value!;
            var repo = (await services.GetRequiredService<RepoService>().CreateAsync(new CreateRepoRequest($"repo {Guid.NewGuid():N}", null, environment.Id), Ct)).Value!;
            var group = (await services.GetRequiredService<GroupService>().CreateAsync(new CreateGroupRequest("Analysts", null), Ct)).Value!;
            await services.GetRequiredService<RepoAccessService>().ShareWithGroupAsync(repo.Id, group.Id, Ct);
            return (user.User.Id, repo.Id, group.Id);
        });
        var before = await SnapshotAsync();

        var failure = await AsMemberAsync(userId, services => Attempt(services, write, userId, repoId, groupId, environment));

        Assert.Equal(FailureKind.Forbidden, failure?.Kind);
        Assert.Equal("Only an admin of the customer can do this; ask one of your admins.", failure!.Detail);
        Assert.Equal(before, await SnapshotAsync());
    }

    private static async Task<Failure?> Attempt(IServiceProvider services, string write, Guid userId, Guid repoId, Guid groupId, EnvironmentView environment)
    {
        var access = services.GetRequiredService<RepoAccessService>();
        var groups = services.GetRequiredService<GroupService>();
        var users = services.GetRequiredService<UserService>();
        var environments = services.GetRequiredService<ComputeEnvironmentService>();
        var repos = services.GetRequiredService<RepoService>();
        return write switch
        {
            "create user" => (await users.CreateAsync(new CreateUserRequest("new@x.test", null, Roles.Admin, null), Ct)).Failure,
            "promote user" => (await users.UpdateAsync(userId, new UpdateUserRequest(null, Roles.Admin, null), cancellationToken: Ct)).Failure,
            "delete user" => (await users.DeleteAsync(userId, cancellationToken: Ct)).Failure,
            "reset password" => (await users.ResetPasswordAsync(userId, null, Ct)).Failure,
            "sign out everywhere" => (await users.SignOutEverywhereAsync(userId, Ct)).Failure,
            "create environment" => (await environments.CreateAsync(new CreateEnvironmentRequest("sneaky", "Aws", "us-east-1", null, 1, 2), null, Ct)).Failure,
            "rename environment" => (await environments.UpdateAsync(environment.Id, new UpdateEnvironmentRequest("renamed", null, null), null, Ct)).Failure,
            "delete environment" => (await environments.DeleteAsync(environment.Id, cancellationToken: Ct)).Failure,
            "retry environment" => (await environments.RetryAsync(environment.Id, cancellationToken: Ct)).Failure,
            "cancel operation" => (await services.GetRequiredService<OperationService>().CancelAsync(environment.OperationId!.Value, Ct)).Failure,
            "create repo" => (await repos.CreateAsync(new CreateRepoRequest("sneaky", null, environment.Id), Ct)).Failure,
            "rename repo" => (await repos.UpdateAsync(repoId, new UpdateRepoRequest("renamed", null, null), cancellationToken: Ct)).Failure,
            "delete repo" => (await repos.DeleteAsync(repoId, cancellationToken: Ct)).Failure,
            "add member" => (await access.AddMemberAsync(repoId, userId, Ct)).Failure,
            "remove member" => (await access.RemoveMemberAsync(repoId, userId, Ct)).Failure,
            "create group" => (await groups.CreateAsync(new CreateGroupRequest("Sneaky", null), Ct)).Failure,
            "rename group" => (await groups.UpdateAsync(groupId, new UpdateGroupRequest("Renamed", null), cancellationToken: Ct)).Failure,
            "delete group" => (await groups.DeleteAsync(groupId, Ct)).Failure,
            "add group member" => (await groups.AddMemberAsync(groupId, userId, Ct)).Failure,
            "share repo with group" => (await access.ShareWithGroupAsync(repoId, groupId, Ct)).Failure,
            "stop sharing repo with group" => (await access.StopSharingWithGroupAsync(repoId, groupId, Ct)).Failure,
            "rename customer" => (await services.GetRequiredService<CustomerService>().RenameAsync("Renamed", cancellationToken: Ct)).Failure,
            _ => throw new ArgumentOutOfRangeException(nameof(write)),
        };
    }

    private async Task<T> AsMemberAsync<T>(Guid userId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _domain.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.ForCustomer(_domain.CustomerId, userId));
        return await work(scope.ServiceProvider);
    }

    /// <summary>Everything a refused write could have touched, as one comparable string.</summary>
    private Task<string> SnapshotAsync() => _domain.AsSystemAsync(async db =>
    {
        var users = await db.Users.OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.DisplayName}:{u.IsActive}:{u.SecurityStamp}:{u.PasswordHash}").ToListAsync(Ct);
        var roles = await db.UserRoles.OrderBy(r => r.UserId).Select(r => $"{r.UserId}:{r.RoleId}").ToListAsync(Ct);
        var environments = await db.ComputeEnvironments.OrderBy(e => e.Id).Select(e => $"{e.Id}:{e.Name}:{e.Status}:{e.Version}").ToListAsync(Ct);
        var repos = await db.Repos.OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Name}").ToListAsync(Ct);
        var members = await db.RepoMembers.CountAsync(Ct) + await db.GroupMembers.CountAsync(Ct) * 1_000 + await db.RepoGroupGrants.CountAsync(Ct) * 1_000_000;
        var groups = await db.Groups.OrderBy(g => g.Id).Select(g => $"{g.Id}:{g.Name}:{g.Version}").ToListAsync(Ct);
        var customers = await db.Customers.OrderBy(c => c.Id).Select(c => c.Name).ToListAsync(Ct);
        var operations = await db.Operations.CountAsync(Ct);
        return string.Join("|", users.Concat(roles).Concat(environments).Concat(repos).Concat(groups).Concat(customers).Append($"{members}/{operations}"));
    });
}
