using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Repos;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.UsersAndRepos;

public sealed class GroupServiceTests : IAsyncLifetime
{
    private DomainHarness _domain = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static ListQuery FirstPage => new(null, 0, 25);

    public async ValueTask InitializeAsync() => _domain = await DomainHarness.StartAsync();

    public ValueTask DisposeAsync() => _domain.DisposeAsync();

    [Fact]
    public async Task Groups_list_by_name_search_and_sort_by_members()
    {
        var engineering = await CreateGroupAsync("Data Engineering");
        await CreateGroupAsync("analysts");
        await CreateGroupAsync("Finance 10");
        await CreateGroupAsync("Finance 9");
        var ana = await UserAsync("ana@ours.test");
        await GroupsAsync(s => s.AddMemberAsync(engineering, ana, Ct));

        var byName = await GroupsAsync(s => s.ListAsync(FirstPage, Ct));
        var searched = await GroupsAsync(s => s.ListAsync(new ListQuery("finance", 0, 25), Ct));
        var byMembers = await GroupsAsync(s => s.ListAsync(new ListQuery(null, 0, 1, "-members"), Ct));

        Assert.Equal(["analysts", "Data Engineering", "Finance 9", "Finance 10"], byName.Items.Select(g => g.Name));
        Assert.Equal(["Finance 9", "Finance 10"], searched.Items.Select(g => g.Name));
        Assert.Equal((4, "Data Engineering", 1), (byMembers.TotalCount, byMembers.Items.Single().Name, byMembers.Items.Single().MemberCount));
    }

    [Fact]
    public async Task Names_are_unique_per_customer_ignoring_case_and_bad_names_are_field_errors()
    {
        await CreateGroupAsync("Analysts");
        var clash = await GroupsAsync(s => s.CreateAsync(new CreateGroupRequest("ANALYSTS", null), Ct));
        var elsewhere = await _domain.AsCustomerAsync(s => s.GetRequiredService<GroupService>().CreateAsync(new CreateGroupRequest("Analysts", null), Ct), _domain.OtherCustomerId);
        var blank = await GroupsAsync(s => s.CreateAsync(new CreateGroupRequest("  ", new string('x', Group.DescriptionMaxLength + 1)), Ct));

        Assert.Equal(ProblemCodes.NameTaken, clash.Failure?.Code);
        Assert.True(elsewhere.Succeeded);
        Assert.Equal(["description", "name"], blank.Failure?.FieldErrors?.Keys.Order());
        Assert.Equal(1, await _domain.AsCustomerAsync(s => s.GetRequiredService<DataTricks.Domain.Infrastructure.Persistence.DataTricksDbContext>().Groups.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_rename_with_a_stale_version_is_refused_and_changes_nothing()
    {
        var id = await CreateGroupAsync("Analysts");
        var ana = await UserAsync("ana@ours.test");
        var read = (await GroupsAsync(s => s.GetAsync(id, Ct))).Value!;
        await GroupsAsync(s => s.AddMemberAsync(id, ana, Ct));

        var stale = await GroupsAsync(s => s.UpdateAsync(id, new UpdateGroupRequest("Renamed", null), new VersionMatch(new HashSet<long> { read.Version }), Ct));
        var current = (await GroupsAsync(s => s.GetAsync(id, Ct))).Value!;
        var fresh = await GroupsAsync(s => s.UpdateAsync(id, new UpdateGroupRequest("Renamed", "Who reads the dashboards"), new VersionMatch(new HashSet<long> { current.Version }), Ct));

        Assert.Equal(FailureKind.PreconditionFailed, stale.Failure?.Kind);
        Assert.True(current.Version > read.Version);
        Assert.Equal(("Renamed", "Who reads the dashboards"), (fresh.Value?.Name, fresh.Value?.Description));
        Assert.True(fresh.Value!.Version > current.Version);
    }

    [Fact]
    public async Task Members_must_be_users_of_the_same_customer_and_adding_twice_changes_nothing()
    {
        var group = await CreateGroupAsync("Analysts");
        var own = await UserAsync("ours@ours.test");
        var foreign = await UserAsync("theirs@theirs.test", _domain.OtherCustomerId);
        var foreignGroup = await _domain.AsCustomerAsync(s => s.GetRequiredService<GroupService>().CreateAsync(new CreateGroupRequest("Theirs", null), Ct), _domain.OtherCustomerId);

        var added = await GroupsAsync(s => s.AddMemberAsync(group, own, Ct));
        var again = await GroupsAsync(s => s.AddMemberAsync(group, own, Ct));
        var refused = await GroupsAsync(s => s.AddMemberAsync(group, foreign, Ct));
        var notOurs = await GroupsAsync(s => s.AddMemberAsync(foreignGroup.Value!.Id, own, Ct));
        // Later than the adding, so that the audit's order by time is the order of the changes.
        _domain.Time.Advance(TimeSpan.FromSeconds(1));
        var removedOnce = await GroupsAsync(s => s.RemoveMemberAsync(group, own, Ct));
        var removedTwice = await GroupsAsync(s => s.RemoveMemberAsync(group, own, Ct));

        Assert.Equal((true, false, true, false), (added.Value, again.Value, removedOnce.Value, removedTwice.Value));
        Assert.Equal("The user was not found.", refused.Failure?.Detail);
        Assert.Equal("The group was not found.", notOurs.Failure?.Detail);
        Assert.Equal(0, (await GroupsAsync(s => s.MembersAsync(group, FirstPage, Ct))).Value!.TotalCount);
        var audit = await _domain.AsSystemAsync(db => db.AuditEvents.Where(e => e.Action.StartsWith("group.member")).OrderBy(e => e.OccurredAt).Select(e => e.Details).ToListAsync(Ct));
        Assert.Equal(["ours@ours.test added to Analysts", "ours@ours.test removed from Analysts"], audit);
    }

    [Fact]
    public async Task A_repo_is_used_by_its_direct_members_and_the_members_of_its_groups_each_saying_how()
    {
        var repo = await RepoAsync("Pricing");
        var engineering = await CreateGroupAsync("Data Engineering");
        var finance = await CreateGroupAsync("Finance");
        var ana = await UserAsync("ana@ours.test", displayName: "Ana");
        var bo = await UserAsync("bo@ours.test", displayName: "Bo");
        var cy = await UserAsync("cy@ours.test", displayName: "Cy");
        await UserAsync("dee@ours.test", displayName: "Dee");
        await AccessAsync(s => s.AddMemberAsync(repo, ana, Ct));
        foreach (var (group, user) in new[] { (engineering, ana), (engineering, bo), (finance, bo), (finance, cy) })
            await GroupsAsync(s => s.AddMemberAsync(group, user, Ct));
        await AccessAsync(s => s.ShareWithGroupAsync(repo, engineering, Ct));
        await AccessAsync(s => s.ShareWithGroupAsync(repo, finance, Ct));

        var members = (await AccessAsync(s => s.MembersAsync(repo, FirstPage, Ct))).Value!;
        var view = (await _domain.AsCustomerAsync(s => s.GetRequiredService<RepoService>().GetAsync(repo, Ct))).Value!;

        Assert.Equal(
            ["Ana direct via Data Engineering", "Bo via Data Engineering,Finance", "Cy via Finance"],
            members.Items.Select(m => $"{m.DisplayName}{(m.Direct ? " direct" : "")} via {string.Join(",", m.Groups.Select(g => g.Name))}"));
        Assert.Equal(3, members.TotalCount);
        Assert.Equal(3, view.MemberCount);
        Assert.Equal(["Data Engineering", "Finance"], (await AccessAsync(s => s.GroupsAsync(repo, Ct))).Value!.Select(g => g.Name));
    }

    [Fact]
    public async Task Leaving_a_group_unsharing_or_deleting_it_takes_away_the_access_it_gave_and_only_that()
    {
        var repo = await RepoAsync("Pricing");
        var group = await CreateGroupAsync("Finance");
        var other = await CreateGroupAsync("Analysts");
        var ana = await UserAsync("ana@ours.test");
        var bo = await UserAsync("bo@ours.test");
        await GroupsAsync(s => s.AddMemberAsync(group, ana, Ct));
        await GroupsAsync(s => s.AddMemberAsync(group, bo, Ct));
        await GroupsAsync(s => s.AddMemberAsync(other, bo, Ct));
        await AccessAsync(s => s.ShareWithGroupAsync(repo, group, Ct));
        await AccessAsync(s => s.ShareWithGroupAsync(repo, other, Ct));
        await AccessAsync(s => s.AddMemberAsync(repo, ana, Ct));

        await GroupsAsync(s => s.RemoveMemberAsync(group, bo, Ct));
        var afterLeaving = await MemberEmailsAsync(repo);
        await AccessAsync(s => s.StopSharingWithGroupAsync(repo, other, Ct));
        var afterUnsharing = await MemberEmailsAsync(repo);
        await GroupsAsync(s => s.DeleteAsync(group, Ct));
        await AccessAsync(s => s.RemoveMemberAsync(repo, ana, Ct));

        Assert.Equal(["ana@ours.test", "bo@ours.test"], afterLeaving);
        Assert.Equal(["ana@ours.test"], afterUnsharing);
        Assert.Empty(await MemberEmailsAsync(repo));
        Assert.Equal(0, await _domain.AsSystemAsync(db => db.RepoGroupGrants.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_group_of_another_customer_cannot_be_given_a_repo_and_a_foreign_repo_is_not_found()
    {
        var repo = await RepoAsync("Pricing");
        var foreignGroup = (await _domain.AsCustomerAsync(s => s.GetRequiredService<GroupService>().CreateAsync(new CreateGroupRequest("Theirs", null), Ct), _domain.OtherCustomerId)).Value!;
        var group = await CreateGroupAsync("Ours");

        var foreign = await AccessAsync(s => s.ShareWithGroupAsync(repo, foreignGroup.Id, Ct));
        var unknownRepo = await AccessAsync(s => s.ShareWithGroupAsync(Guid.NewGuid(), group, Ct));
        var again = await AccessAsync(s => s.ShareWithGroupAsync(repo, group, Ct));
        var twice = await AccessAsync(s => s.ShareWithGroupAsync(repo, group, Ct));

        Assert.Equal("The group was not found.", foreign.Failure?.Detail);
        Assert.Equal("The repo was not found.", unknownRepo.Failure?.Detail);
        Assert.Equal((true, false), (again.Value, twice.Value));
        // The one group left to offer would be the foreign one, which is never offered.
        Assert.Empty(await AccessAsync(s => s.GroupCandidatesAsync(repo, null, Ct)));
    }

    [Fact]
    public async Task Every_change_of_access_tells_the_customers_open_pages_and_only_theirs()
    {
        var repo = await RepoAsync("Pricing");
        var group = await CreateGroupAsync("Finance");
        var ana = await UserAsync("ana@ours.test");
        var notifier = _domain.Services.GetRequiredService<RepoAccessNotifier>();
        var ours = 0;
        var theirs = 0;
        using var a = notifier.Subscribe(_domain.CustomerId, () => Task.FromResult(Interlocked.Increment(ref ours)));
        using var b = notifier.Subscribe(_domain.OtherCustomerId, () => Task.FromResult(Interlocked.Increment(ref theirs)));

        await GroupsAsync(s => s.AddMemberAsync(group, ana, Ct));
        await GroupsAsync(s => s.AddMemberAsync(group, ana, Ct));
        await AccessAsync(s => s.ShareWithGroupAsync(repo, group, Ct));
        await AccessAsync(s => s.AddMemberAsync(repo, ana, Ct));
        await AccessAsync(s => s.RemoveMemberAsync(repo, ana, Ct));
        await AccessAsync(s => s.StopSharingWithGroupAsync(repo, group, Ct));
        await GroupsAsync(s => s.RemoveMemberAsync(group, ana, Ct));
        await GroupsAsync(s => s.DeleteAsync(group, Ct));

        Assert.Equal((7, 0), (Volatile.Read(ref ours), Volatile.Read(ref theirs)));
    }

    [Fact]
    public async Task Concurrent_changes_of_one_group_all_land()
    {
        var group = await CreateGroupAsync("Crowd");
        var people = new List<Guid>();
        for (var i = 0; i < 6; i++)
            people.Add(await UserAsync($"p{i}@ours.test"));

        var results = await Task.WhenAll(people.Concat(people.Take(2)).Select(person => Task.Run(() => GroupsAsync(s => s.AddMemberAsync(group, person, Ct)), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.Detail));
        Assert.Equal(6, results.Count(r => r.Value));
        Assert.Equal(6, (await GroupsAsync(s => s.MembersAsync(group, FirstPage, Ct))).Value!.TotalCount);
    }

    [Fact]
    public async Task A_membership_added_by_another_request_between_the_check_and_the_save_is_the_outcome_wanted()
    {
        var repo = await RepoAsync("Pricing");
        var ana = await UserAsync("ana@ours.test");
        _domain.Collisions.BeforeNextSave(db =>
        {
            db.RepoMembers.Add(RepoMember.Create(_domain.CustomerId, repo, ana, _domain.Time.GetUtcNow()));
            return db.SaveChangesAsync(Ct);
        });

        var member = await AccessAsync(s => s.AddMemberAsync(repo, ana, Ct));

        Assert.Equal((true, false), (member.Succeeded, member.Value));
        Assert.Equal(1, _domain.Collisions.Count);
        Assert.Equal(1, await _domain.AsSystemAsync(db => db.RepoMembers.CountAsync(Ct)));
    }

    [Fact]
    public async Task Sharing_a_repo_with_a_group_from_several_requests_at_once_shares_it_once()
    {
        var repo = await RepoAsync("Pricing");
        var group = await CreateGroupAsync("Finance");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => AccessAsync(s => s.ShareWithGroupAsync(repo, group, Ct)), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.Detail));
        Assert.Equal(1, results.Count(r => r.Value));
        Assert.Equal(1, await _domain.AsSystemAsync(db => db.RepoGroupGrants.CountAsync(Ct)));
        Assert.Equal(1, (await GroupsAsync(s => s.GetAsync(group, Ct))).Value!.RepoCount);
    }

    [Fact]
    public async Task Staff_acting_in_the_customer_cannot_change_groups_and_the_attempt_is_audited()
    {
        var group = await CreateGroupAsync("Finance");
        var ana = await UserAsync("ana@ours.test");
        var staff = TenantScope.ForImpersonation(_domain.CustomerId, Guid.NewGuid(), _domain.Time.GetUtcNow().AddMinutes(30));

        var refused = await _domain.AsAsync(staff, s => s.GetRequiredService<GroupService>().AddMemberAsync(group, ana, Ct));

        Assert.Equal(ProblemCodes.ImpersonationRefused, refused.Failure?.Code);
        Assert.Equal(1, await _domain.AsSystemAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ImpersonationRefused, Ct)));
    }

    private async Task<List<string>> MemberEmailsAsync(Guid repo) =>
        [.. (await AccessAsync(s => s.MembersAsync(repo, FirstPage, Ct))).Value!.Items.Select(m => m.Email)];

    private async Task<Guid> CreateGroupAsync(string name)
    {
        var created = await GroupsAsync(s => s.CreateAsync(new CreateGroupRequest(name, null), Ct));
        Assert.True(created.Succeeded, created.Failure?.Detail);
        return created.Value.Id;
    }

    private async Task<Guid> RepoAsync(string name)
    {
        var environment = await _domain.CreateEnvironmentAsync($"{name.ToLowerInvariant()}-env");
        var repo = await _domain.AsCustomerAsync(s => s.GetRequiredService<RepoService>().CreateAsync(new CreateRepoRequest(name, null, environment.Id), Ct));
        return repo.Value!.Id;
    }

    private async Task<Guid> UserAsync(string email, Guid? customerId = null, string? displayName = null)
    {
        var created = await _domain.AsCustomerAsync(s => s.GetRequiredService<UserService>()
            .CreateAsync(new CreateUserRequest(email, displayName, Roles.Member, null), Ct), customerId);
        return created.Value!.User.Id;
    }

    private Task<T> GroupsAsync<T>(Func<GroupService, Task<T>> work) =>
        _domain.AsCustomerAsync(s => work(s.GetRequiredService<GroupService>()));

    private Task<T> AccessAsync<T>(Func<RepoAccessService, Task<T>> work) =>
        _domain.AsCustomerAsync(s => work(s.GetRequiredService<RepoAccessService>()));
}
