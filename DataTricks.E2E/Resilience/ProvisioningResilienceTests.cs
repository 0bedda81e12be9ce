using DataTricks.E2E.Support;
using DataTricks.Testing;

namespace DataTricks.E2E.Resilience;

/// <summary>Real portal processes, killed and doubled, on real SQLite files: nothing is lost and nothing runs twice.</summary>
public sealed class ProvisioningResilienceTests : IDisposable
{
    private static readonly string[] Kinds = ["Network", "Storage", "Cluster"];

    private static readonly Dictionary<string, string> FastCloud = new()
    {
        ["SimulatedCloud:StepDelay"] = "00:00:00.300",
        ["Provisioning:LeaseDuration"] = "00:00:03",
        ["Provisioning:SweepInterval"] = "00:00:01",
        ["Provisioning:ReconcileInterval"] = "00:00:02",
    };

    private readonly PortalFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Environments_in_flight_when_the_portal_is_killed_all_reach_ready_after_a_restart_with_one_resource_each()
    {
        var names = Enumerable.Range(1, 20).Select(i => $"crash-{i:00}").ToList();
        var ids = new List<Guid>();
        // Slow enough that the kill finds most environments between steps, whatever the machine's load.
        var slowCloud = new Dictionary<string, string>(FastCloud) { ["SimulatedCloud:StepDelay"] = "00:00:01" };
        await using (var portal = await PortalProcess.StartAsync(_files, slowCloud))
        {
            var api = await PortalApi.SignInAsync(portal.BaseAddress, "admin@acme.test");
            foreach (var name in names)
                ids.Add(await api.CreateEnvironmentAsync(name));
            await Eventually.HoldsAsync(() => Task.FromResult(CloudLedger.LiveResources(_files).Values.Sum() >= 10),
                "ten cloud resources to exist", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));

            await portal.KillAsync();
        }
        var atKill = await StatusesInDatabaseAsync();
        Assert.True(atKill.Count(s => s != "Ready") > 0, "Every environment was Ready before the kill; the test proved nothing.");

        await using (var restarted = await PortalProcess.StartAsync(_files, FastCloud))
        {
            var api = await PortalApi.SignInAsync(restarted.BaseAddress, "admin@acme.test");
            await api.WaitUntilAllReadyAsync(names, TimeSpan.FromSeconds(90));
        }
        AssertOneResourceOfEachKind(ids);

        // Resizes in flight when the portal is killed again finish after the next start, each cloud call made once.
        var resized = ids.Take(5).ToList();
        await using (var portal = await PortalProcess.StartAsync(_files, slowCloud))
        {
            var api = await PortalApi.SignInAsync(portal.BaseAddress, "admin@acme.test");
            foreach (var id in resized)
                await api.ResizeAsync(id, 2, 5);
            await portal.KillAsync();
        }
        Assert.Contains("Resizing", await StatusesInDatabaseAsync());
        await using (var restarted = await PortalProcess.StartAsync(_files, FastCloud))
        {
            var api = await PortalApi.SignInAsync(restarted.BaseAddress, "admin@acme.test");
            await api.WaitUntilAllReadyAsync(names, TimeSpan.FromSeconds(90));
        }
        var work = CloudLedger.Work(_files);
        Assert.All(resized, id => Assert.Equal(1, work.GetValueOrDefault((id.ToString(), "resize cluster"))));
    }

    [Fact]
    public async Task Two_portals_on_one_database_run_each_operation_exactly_once()
    {
        var names = Enumerable.Range(1, 50).Select(i => $"twin-{i:00}").ToList();
        var ids = new List<Guid>();
        // A cluster's nodes share the cloud as a service, never its files.
        await using var cloud = await PortalProcess.StartCloudAsync(_files, FastCloud);
        await using var first = await PortalProcess.StartAsync(_files, cloud.NodeSettings(FastCloud));
        await using var second = await PortalProcess.StartAsync(_files, cloud.NodeSettings(FastCloud));
        var viaFirst = await PortalApi.SignInAsync(first.BaseAddress, "admin@acme.test");
        var viaSecond = await PortalApi.SignInAsync(second.BaseAddress, "admin@acme.test");

        for (var i = 0; i < names.Count; i++)
            ids.Add(await (i % 2 == 0 ? viaFirst : viaSecond).CreateEnvironmentAsync(names[i]));
        await viaFirst.WaitUntilAllReadyAsync(names, TimeSpan.FromSeconds(120));

        AssertOneResourceOfEachKind(ids);

        // Both nodes resize half of them, and both reconcile while a tenth lose their cluster behind the portal's back.
        var resized = ids.Where((_, i) => i % 2 == 0).ToList();
        for (var i = 0; i < resized.Count; i++)
            await (i % 2 == 0 ? viaFirst : viaSecond).ResizeAsync(resized[i], 2, 5);
        var lost = ids.Where((_, i) => i % 10 == 1).ToList();
        CloudLedger.Lose(_files, lost, "Cluster");
        var lostNames = lost.Select(id => names[ids.IndexOf(id)]).ToList();
        await viaFirst.WaitUntilAllAsync(lostNames, "Degraded", TimeSpan.FromSeconds(60));
        foreach (var id in lost)
            await viaSecond.RepairAsync(id);
        await viaFirst.WaitUntilAllReadyAsync(names, TimeSpan.FromSeconds(120));

        AssertOneResourceOfEachKind(ids);
        var calls = CloudLedger.SuccessfulCalls(_files);
        foreach (var id in ids)
        {
            var key = id.ToString();
            foreach (var call in new[] { "create Network", "create Storage", "verify cluster" })
                Assert.Equal(lost.Contains(id) ? (call == "verify cluster" ? 2 : 1) : 1, calls.GetValueOrDefault((key, call)));
            Assert.Equal(lost.Contains(id) ? 2 : 1, calls.GetValueOrDefault((key, "create Cluster")));
            Assert.Equal(resized.Contains(id) ? 1 : 0, calls.GetValueOrDefault((key, "resize cluster")));
        }
    }

    private void AssertOneResourceOfEachKind(IEnumerable<Guid> ids)
    {
        var live = CloudLedger.LiveResources(_files);
        foreach (var id in ids.Select(i => i.ToString()))
        {
            foreach (var kind in Kinds)
                Assert.True(live.GetValueOrDefault((id, kind)) == 1, $"{id} has {live.GetValueOrDefault((id, kind))} {kind} resources");
        }
    }

    private async Task<List<string>> StatusesInDatabaseAsync()
    {
        await using var connection = _files.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Status" FROM "ComputeEnvironments" WHERE "Name" LIKE 'crash-%'""";
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<string>();
        while (await reader.ReadAsync())
            statuses.Add(reader.GetString(0));
        return statuses;
    }
}
