using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>The API's list of environments: its limits, its refusals, and pages that neither skip nor repeat.</summary>
public sealed class EnvironmentListTests : DomainTest
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task A_page_size_from_1_to_100_is_taken(int size)
    {
        await Domain.CreateEnvironmentAsync();

        var page = await ListAsync(null, size, null);

        Assert.True(page.Succeeded, page.Failure?.Detail);
    }

    [Theory]
    [InlineData(null, 0, null, "pageSize", "pageSize is 1 to 100.")]
    [InlineData(null, 101, null, "pageSize", "pageSize is 1 to 100.")]
    [InlineData("Sleeping", null, null, "status", "status is one of Pending, Provisioning, Ready, Failed, Deleting, Deleted, Resizing, Degraded.")]
    [InlineData("3", null, null, "status", "status is one of Pending, Provisioning, Ready, Failed, Deleting, Deleted, Resizing, Degraded.")]
    [InlineData(null, null, "%%%", "pageToken", "pageToken is not one this API returned.")]
    public async Task A_bad_parameter_is_refused_with_its_field_and_rule(string? status, int? size, string? token, string field, string message)
    {
        var page = await ListAsync(status, size, token);

        Assert.Equal(FailureKind.Invalid, page.Failure?.Kind);
        Assert.Equal([message], page.Failure!.FieldErrors![field]);
    }

    [Fact]
    public async Task A_creation_bound_in_any_offset_narrows_the_list_on_every_database()
    {
        var environment = await Domain.CreateEnvironmentAsync();
        // The same instant two hours east: SQLite keeps times as numbers that order by instant only at offset 0.
        var created = (await Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().GetAsync(environment.Id, Ct))).Value!.CreatedAt;
        var bound = created.ToOffset(TimeSpan.FromHours(2));

        var from = await Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>()
            .ListAsync(new EnvironmentListQuery(new ListQuery(null, 0, 25), Created: new CreatedRange(bound, null)), Ct));
        var until = await Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>()
            .ListAsync(new EnvironmentListQuery(new ListQuery(null, 0, 25), Created: new CreatedRange(null, bound)), Ct));

        Assert.Contains(environment.Id, from.Items.Select(e => e.Id));
        Assert.DoesNotContain(environment.Id, until.Items.Select(e => e.Id));
    }

    [Fact]
    public async Task Pages_follow_one_another_newest_first_with_ties_broken_by_id_and_the_last_one_has_no_next()
    {
        // Created in one instant: only the id orders them.
        foreach (var name in new[] { "env-a", "env-b", "env-c", "env-d" })
            await Domain.CreateEnvironmentAsync(name);
        Domain.Time.Advance(TimeSpan.FromMinutes(1));
        await Domain.CreateEnvironmentAsync("env-newest");
        var expected = await Domain.AsSystemAsync(db => db.ComputeEnvironments
            .OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id).Select(e => e.Name).ToListAsync(Ct));

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = (await ListAsync(null, 2, token)).Value!;
            seen.AddRange(page.Items.Select(e => e.Name));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal("env-newest", expected[0]);
        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
        Assert.Null((await ListAsync(null, 5, null)).Value!.NextPageToken);
    }

    [Fact]
    public async Task Without_a_status_deleted_environments_are_left_out_and_asked_for_they_are_all_there_is()
    {
        var kept = await Domain.CreateEnvironmentAsync("kept-env");
        var gone = await Domain.CreateEnvironmentAsync("gone-env");
        var delete = await Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().DeleteAsync(gone.Id, null, Ct));
        await Domain.RunAsync(delete.Value!.OperationId!.Value);

        Assert.Equal([kept.Id], (await ListAsync(null, null, null)).Value!.Items.Select(e => e.Id));
        Assert.Equal([gone.Id], (await ListAsync("deleted", null, null)).Value!.Items.Select(e => e.Id));
    }

    [Theory]
    [InlineData(null, ComputeEnvironmentStatus.Pending, true)]
    [InlineData(null, ComputeEnvironmentStatus.Degraded, true)]
    [InlineData(null, ComputeEnvironmentStatus.Deleted, false)]
    [InlineData(ComputeEnvironmentStatus.Ready, ComputeEnvironmentStatus.Ready, true)]
    [InlineData(ComputeEnvironmentStatus.Ready, ComputeEnvironmentStatus.Failed, false)]
    [InlineData(ComputeEnvironmentStatus.Deleted, ComputeEnvironmentStatus.Deleted, true)]
    public void A_list_admits_the_statuses_it_lists(ComputeEnvironmentStatus? filter, ComputeEnvironmentStatus status, bool admitted) =>
        Assert.Equal(admitted, new EnvironmentListQuery(new ListQuery(null, 0, 25), filter).Admits(status));

    // The API's path: its parameters read into the one query the portal's table asks too.
    private async Task<Result<OffsetPage<EnvironmentView>>> ListAsync(string? status, int? size, string? token)
    {
        var query = EnvironmentListQuery.FromApi(null, null, status, CreatedRange.Any, size, token);
        if (!query.Succeeded)
            return query.Failure;
        return await Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>().ListAsync(query.Value, Ct));
    }
}
