using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Repos;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>What the detail page and the dashboard read: each environment's own repos and history, in their order.</summary>
public sealed class EnvironmentQueriesTests : DomainTest
{
    [Fact]
    public async Task The_detail_shows_its_own_repos_by_name_and_its_own_operations_newest_first_each_with_its_steps_in_order()
    {
        // Cloud work that takes time, so each step starts at its own moment.
        foreach (var call in new[] { "create Network", "create Storage", "create Cluster", "verify cluster" })
            Domain.Cloud.WorkTime[call] = TimeSpan.FromMinutes(2);
        var environment = await Domain.ReadyEnvironmentAsync("detail-env");
        var other = await Domain.ReadyEnvironmentAsync("other-env");
        Domain.Time.Advance(TimeSpan.FromMinutes(1));
        var resize = await Domain.EnvironmentsAsync(s => s.UpdateAsync(environment.Id, new UpdateEnvironmentRequest(null, 2, 3), null, Ct));
        await Domain.RunAsync(resize.Value!.OperationId!.Value);
        await BindRepoAsync("zeta", environment.Id);
        await BindRepoAsync("alpha", environment.Id);
        await BindRepoAsync("beta", other.Id);

        var detail = (await Domain.EnvironmentsAsync(s => s.GetDetailAsync(environment.Id, Ct))).Value!;

        Assert.Equal(["alpha", "zeta"], detail.Repos.Select(r => r.Name));
        Assert.Equal([OperationKind.Resize, OperationKind.Create], detail.Operations.Select(o => o.Operation.Kind));
        var create = detail.Operations[1];
        Assert.Equal(environment.OperationId, create.Operation.Id);
        Assert.Equal(ProvisioningSteps.Create.Select(s => s.ToString()), create.Steps.Select(s => s.Step));
        Assert.Equal(create.Steps.Select(s => s.StartedAt).Order(), create.Steps.Select(s => s.StartedAt));
        Assert.Equal(await StepNamesAsync(resize.Value.OperationId.Value), detail.Operations[0].Steps.Select(s => s.Step));
    }

    [Fact]
    public async Task Operations_begun_at_the_same_instant_are_listed_by_id_descending_as_every_list_breaks_ties()
    {
        var environment = await Domain.CreateEnvironmentAsync("tied-env");
        var tied = await Domain.AsSystemAsync(async db =>
        {
            var first = await db.Operations.SingleAsync(o => o.ComputeEnvironmentId == environment.Id, Ct);
            db.Operations.Add(Operation.Queue(Domain.CustomerId, environment.Id, OperationKind.Delete, first.CreatedAt));
            await db.SaveChangesAsync(Ct);
            // The database's own order of ids, whatever type it stores them as.
            return await db.Operations.Where(o => o.ComputeEnvironmentId == environment.Id).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(Ct);
        });

        var detail = (await Domain.EnvironmentsAsync(s => s.GetDetailAsync(environment.Id, Ct))).Value!;

        Assert.Equal(Enumerable.Reverse(tied), detail.Operations.Select(o => o.Operation.Id));
    }

    [Fact]
    public async Task The_dashboard_watches_environments_under_way_oldest_first_up_to_its_limit()
    {
        var oldest = await Domain.CreateEnvironmentAsync("oldest-env");
        Domain.Time.Advance(TimeSpan.FromMinutes(1));
        var ready = await Domain.ReadyEnvironmentAsync("ready-env");
        Domain.Time.Advance(TimeSpan.FromMinutes(1));
        var newest = await Domain.CreateEnvironmentAsync("newest-env");
        await Domain.CreateEnvironmentAsync("foreign-env", Domain.OtherCustomerId);

        var all = await Domain.EnvironmentsAsync(s => s.InProgressAsync(10, Ct));
        var first = await Domain.EnvironmentsAsync(s => s.InProgressAsync(1, Ct));

        Assert.Equal([oldest.Id, newest.Id], all.Select(e => e.Id));
        Assert.DoesNotContain(ready.Id, all.Select(e => e.Id));
        Assert.Equal([oldest.Id], first.Select(e => e.Id));
    }

    [Fact]
    public async Task The_dashboard_counts_live_environments_by_status_and_leaves_deleted_ones_out()
    {
        await Domain.CreateEnvironmentAsync("pending-env");
        await Domain.ReadyEnvironmentAsync("ready-env");
        var gone = await Domain.ReadyEnvironmentAsync("gone-env");
        var delete = await Domain.EnvironmentsAsync(s => s.DeleteAsync(gone.Id, null, Ct));
        await Domain.RunAsync(delete.Value!.OperationId!.Value);
        await Domain.CreateEnvironmentAsync("foreign-env", Domain.OtherCustomerId);

        var counts = await Domain.EnvironmentsAsync(s => s.CountByStatusAsync(Ct));

        Assert.Equal(
            new Dictionary<ComputeEnvironmentStatus, int> { [ComputeEnvironmentStatus.Pending] = 1, [ComputeEnvironmentStatus.Ready] = 1 },
            counts.OrderBy(c => c.Key).ToDictionary());
    }

    [Fact]
    public async Task The_table_searches_names_and_regions_filters_by_status_and_pages_in_natural_name_order()
    {
        await Domain.ReadyEnvironmentAsync("env-10");
        await Domain.CreateEnvironmentAsync("env-9");
        await Domain.AsCustomerAsync(s => s.GetRequiredService<ComputeEnvironmentService>()
            .CreateAsync(new CreateEnvironmentRequest("other", "Aws", "eu-west-1", null, 1, 2), null));

        Assert.Equal(["env-9", "env-10", "other"], await NamesAsync(new ListQuery(null, 0, 10)));
        Assert.Equal(["other", "env-10", "env-9"], await NamesAsync(new ListQuery(null, 0, 10, "-name")));
        Assert.Equal(["env-10"], await NamesAsync(new ListQuery(null, 1, 1)));
        Assert.Equal(["other", "env-9", "env-10"], await NamesAsync(new ListQuery(null, 0, 10, "region")));
        Assert.Equal(["env-9", "other", "env-10"], await NamesAsync(new ListQuery(null, 0, 10, "status")));
        Assert.Equal(["other"], await NamesAsync(new ListQuery("EU-WEST", 0, 10)));
        Assert.Equal(["env-9", "env-10"], await NamesAsync(new ListQuery("ENV", 0, 10)));
        Assert.Equal(["env-10"], await NamesAsync(new ListQuery(null, 0, 10), ComputeEnvironmentStatus.Ready));
        Assert.Equal(3, (await Domain.EnvironmentsAsync(s => s.ListAsync(new EnvironmentListQuery(new ListQuery(null, 1, 1)), Ct))).TotalCount);
    }

    [Fact]
    public async Task Ties_in_the_table_are_broken_by_id()
    {
        // Created in one instant: sorted by creation, only the id orders them.
        foreach (var name in new[] { "tie-a", "tie-b", "tie-c" })
            await Domain.CreateEnvironmentAsync(name);
        var expected = await Domain.AsSystemAsync(db => db.ComputeEnvironments.OrderBy(e => e.Id).Select(e => e.Name).ToListAsync(Ct));

        Assert.Equal(expected, await NamesAsync(new ListQuery(null, 0, 10, "created")));
    }

    private async Task<List<string>> NamesAsync(ListQuery query, ComputeEnvironmentStatus? status = null) =>
        [.. (await Domain.EnvironmentsAsync(s => s.ListAsync(new EnvironmentListQuery(query, status), Ct))).Items.Select(e => e.Name)];


    private Task BindRepoAsync(string name, Guid environmentId) =>
        Domain.AsCustomerAsync(async s =>
        {
            var created = await s.GetRequiredService<RepoService>().CreateAsync(new CreateRepoRequest(name, null, environmentId));
            Assert.True(created.Succeeded, created.Failure?.Detail);
            return created;
        });

    private async Task<IEnumerable<string>> StepNamesAsync(Guid operationId) =>
        (await Domain.StepsAsync(operationId)).OrderBy(s => s.StartedAt).Select(s => s.Step);

}
