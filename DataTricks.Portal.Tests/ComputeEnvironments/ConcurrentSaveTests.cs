using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Repos;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>
/// Writes whose save collides with a concurrent change to the environment (the worker moving it, another admin):
/// redone on fresh data a few times, except where the caller asked for one exact version.
/// </summary>
public sealed class ConcurrentSaveTests : DomainTest
{
    private const string ChangedWhileSaving = "The environment changed while your change was being saved; read it again and retry.";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_change_without_If_Match_is_redone_on_fresh_data_after_a_collision(int collisions)
    {
        var environment = await Domain.ReadyEnvironmentAsync();
        Domain.Collisions.BumpVersions(collisions);

        var renamed = await Domain.EnvironmentsAsync(s => s.UpdateAsync(environment.Id, new UpdateEnvironmentRequest("renamed", null, null), null, Ct));

        Assert.True(renamed.Succeeded, renamed.Failure?.Detail);
        Assert.Equal(collisions, Domain.Collisions.Count);
        var stored = await Domain.EnvironmentAsync(environment.Id);
        Assert.Equal(("renamed", renamed.Value!.Version), (stored.Name, stored.Version));
    }

    [Fact]
    public async Task A_change_that_keeps_colliding_is_refused_after_three_tries_and_leaves_the_environment_as_it_was()
    {
        var environment = await Domain.ReadyEnvironmentAsync();
        Domain.Collisions.BumpVersions(3);

        var renamed = await Domain.EnvironmentsAsync(s => s.UpdateAsync(environment.Id, new UpdateEnvironmentRequest("renamed", null, null), null, Ct));

        Assert.Equal((FailureKind.PreconditionFailed, ChangedWhileSaving), (renamed.Failure?.Kind, renamed.Failure?.Detail));
        Assert.Equal(3, Domain.Collisions.Count);
        Assert.Equal(environment.Name, (await Domain.EnvironmentAsync(environment.Id)).Name);
    }

    [Fact]
    public async Task If_Match_star_is_redone_like_no_If_Match()
    {
        var environment = await Domain.ReadyEnvironmentAsync();
        Domain.Collisions.BumpVersions(1);

        var renamed = await Domain.EnvironmentsAsync(s => s.UpdateAsync(environment.Id, new UpdateEnvironmentRequest("renamed", null, null), VersionMatch.Any, Ct));

        Assert.True(renamed.Succeeded, renamed.Failure?.Detail);
    }

    [Fact]
    public async Task A_change_for_one_exact_version_is_not_redone_on_another_it_fails_at_once()
    {
        var environment = await Domain.EnvironmentAsync((await Domain.ReadyEnvironmentAsync()).Id);
        Domain.Collisions.BumpVersions(2);

        var renamed = await Domain.EnvironmentsAsync(s => s.UpdateAsync(
            environment.Id, new UpdateEnvironmentRequest("renamed", null, null), new VersionMatch(new HashSet<long> { environment.Version }), Ct));

        Assert.Equal((FailureKind.PreconditionFailed, ChangedWhileSaving), (renamed.Failure?.Kind, renamed.Failure?.Detail));
        Assert.Equal(1, Domain.Collisions.Count);
    }

    [Theory]
    [InlineData(2, null, 1)]
    [InlineData(3, "The compute environment keeps changing; try again in a moment.", 0)]
    public async Task A_repo_bound_while_its_environment_keeps_changing_is_made_on_a_later_try_or_refused_with_nothing_made(int collisions, string? refusal, int repos)
    {
        var environment = await Domain.ReadyEnvironmentAsync();
        Domain.Collisions.BumpVersions(collisions);

        var created = await Domain.AsCustomerAsync(s => s.GetRequiredService<RepoService>().CreateAsync(new CreateRepoRequest("notebooks", null, environment.Id), Ct));

        Assert.Equal(refusal, created.Failure?.Detail);
        Assert.Equal(repos, await Domain.AsSystemAsync(db => db.Repos.CountAsync(Ct)));
    }

    [Fact]
    public async Task Canceling_a_create_that_keeps_colliding_is_refused_as_a_concurrent_change_and_the_create_goes_on()
    {
        var environment = await Domain.CreateEnvironmentAsync("to-cancel");
        Domain.Collisions.BumpVersions(3);

        var canceled = await Domain.AsCustomerAsync(s => s.GetRequiredService<OperationService>().CancelAsync(environment.OperationId!.Value, Ct));

        Assert.Equal(
            (FailureKind.Conflict, ProblemCodes.ConcurrentChange, "The environment keeps changing; try again in a moment."),
            (canceled.Failure?.Kind, canceled.Failure?.ProblemCode, canceled.Failure?.Detail));
        Assert.Equal(ComputeEnvironmentStatus.Pending, (await Domain.EnvironmentAsync(environment.Id)).Status);
    }
}
