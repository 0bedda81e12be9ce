using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DataTricks.E2E.Support;
using DataTricks.Testing;

namespace DataTricks.E2E;

/// <summary>
/// <c>deploy/run-three-nodes.sh</c>, the reference cluster a newcomer tries first, run as it is: its nodes read the
/// portal's <c>appsettings.json</c> (log levels, allowed hosts) like any deployment, and Ctrl-C leaves nothing behind.
/// </summary>
public sealed partial class ReferenceClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_script_starts_three_nodes_behind_nginx_that_log_and_check_hosts_as_configured()
    {
        var script = new ProcessStartInfo(Path.Combine(SolutionDirectory.Path, "deploy", "run-three-nodes.sh"), ["--no-build"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        script.Environment["DATATRICKS_CONFIGURATION"] = PortalProcess.BuildConfiguration();
        using var cluster = Process.Start(script) ?? throw new InvalidOperationException("The script did not start.");
        var output = new ProcessOutput(cluster, "Ctrl-C to stop");

        try
        {
            var first = await Task.WhenAny(output.Marked, cluster.WaitForExitAsync(Ct), Task.Delay(TimeSpan.FromMinutes(3), Ct));
            Assert.True(first == output.Marked, $"The cluster did not start:\n{output.Text}");
            var logs = NodeLog().Matches(output.Text).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(3, logs.Count);

            using var http = new HttpClient();
            // Through nginx: a page and the API, so that every node that answers has run SQL statements.
            for (var i = 0; i < 6; i++)
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("http://127.0.0.1:8080/account/login", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("http://127.0.0.1:8080/api/v1/compute-environments", Ct)).StatusCode);
            // AllowedHosts is applied: a node refuses a Host name it does not serve.
            using var foreign = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5101/account/login") { Headers = { Host = "attacker.example" } };
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(foreign, Ct)).StatusCode);

            // The nodes' cloud is a service of its own: work a node begins is in the service's store, not in a file of the node's.
            var api = await PortalApi.SignInAsync(new Uri("http://127.0.0.1:8080"), "admin@acme.test");
            var environmentId = await api.CreateEnvironmentAsync("reference-cluster-env");
            var store = Path.Combine(ClusterFolderOf(output.Text), "simcloud.db");
            await Eventually.HoldsAsync(() => Task.FromResult(CloudLedger.Work(store).Keys.Any(work => work.Environment == environmentId.ToString())),
                "the cloud's service to hold the environment's first work", TimeSpan.FromSeconds(30));

            foreach (var log in logs)
            {
                var text = await File.ReadAllTextAsync(log, Ct);
                Assert.Contains("Now listening on", text);
                Assert.DoesNotContain("Executed DbCommand", text);
            }
        }
        finally
        {
            // Ctrl-C, as the script says: it stops the nodes, nginx and PostgreSQL and removes its folder.
            using (var interrupt = Process.Start("kill", ["-INT", cluster.Id.ToString()]))
                await interrupt.WaitForExitAsync(Ct);
            await Task.WhenAny(cluster.WaitForExitAsync(Ct), Task.Delay(TimeSpan.FromSeconds(30), Ct));
            var stopped = cluster.HasExited;
            if (!stopped)
                cluster.Kill(entireProcessTree: true);
            Assert.True(stopped, $"The script did not stop on Ctrl-C:\n{output.Text}");
        }
        var folder = ClusterFolderOf(output.Text);
        Assert.False(Directory.Exists(folder), $"{folder} was left behind.");
    }

    private static string ClusterFolderOf(string output) => ClusterFolder().Match(output).Groups[1].Value;

    [GeneratedRegex(@"node \d: \S+ \(log (\S+)\)")]
    private static partial Regex NodeLog();

    [GeneratedRegex(@"\(log (\S+)/node\d\.log\)")]
    private static partial Regex ClusterFolder();
}
