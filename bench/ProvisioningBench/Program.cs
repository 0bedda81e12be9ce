// The figures bench/README.md quotes, on one portal process (embedded SQLite) with a cloud that takes ten minutes a step:
//   create latency, open loop (requests sent on a schedule, latency counted from the scheduled time) and closed loop;
//   engine capacity with every created operation in flight (running count, idle CPU, peak memory);
//   list paging on a customer with 50,000 users and 5,000 repos;
//   SCIM on that customer with 2,000 groups: a lookup by userName, and a directory's first sync of 10,000 users;
// then the closed loop again on PostgreSQL (a cluster of the bench's own), with the database server's CPU per create;
// the SQL statements, commands and commits of a create and of the worker's steps after it, on both databases;
//   live status: from a transition being saved to an open browser card showing it (a second portal, 1-second steps);
//   webhooks: 10,000 events delivered to a local receiver, and one endpoint's lag beside one that always times out (a third portal).
// Usage: dotnet run -c Release --project bench/ProvisioningBench [-- <creates per second> <seconds> <closed-loop clients>] [--parts=open,closed,...]
//        dotnet run --project bench/ProvisioningBench -- --smoke     every part for a few seconds (what ./test.sh runs)
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Bench;
using DataTricks.E2E.Support;

var plan = BenchPlan.From(args);
var tenMinuteSteps = new Dictionary<string, string>
{
    ["SimulatedCloud:StepDelay"] = "00:10:00",
    ["RateLimiting:SignInPerAddress"] = "100000",
};

if (plan.Runs("open") || plan.Runs("closed") || plan.Runs("lists"))
{
    using var files = new PortalFiles(postgresServer: null);
    await using var portal = await PortalProcess.StartAsync(files, tenMinuteSteps);
    // A load balancer sends traffic once /healthz answers: so does the open loop, from a cold start.
    var healthy = await BenchPortal.WaitUntilHealthyAsync(portal);
    using var load = await CreateLoad.SignInAsync(portal);

    if (plan.Runs("open"))
    {
        // 1. Open loop: the i-th request is due at start + i / rate, whatever the earlier ones are doing.
        Console.WriteLine($"Open loop: {plan.Rate} creates/s for {plan.OpenSeconds} s ({plan.Rate * plan.OpenSeconds} creates), cloud step 10 minutes, " +
                          $"from {healthy.TotalSeconds:F1} s after the portal began listening, when /healthz first answered 200");
        var open = new Latencies();
        var bySecond = Enumerable.Range(0, plan.OpenSeconds).Select(_ => new Latencies()).ToArray();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, plan.Rate * plan.OpenSeconds).Select(async i =>
        {
            var due = TimeSpan.FromSeconds((double)i / plan.Rate);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            await load.CreateAsync();
            var latency = Stopwatch.GetElapsedTime(start) - due;
            open.Add(latency);
            bySecond[i / plan.Rate].Add(latency);
        }));
        Console.WriteLine($"  create latency from the scheduled time: {open.Summary()}");
        Console.WriteLine($"  p99 in each of the first seconds: {string.Join(", ", bySecond.Take(5).Select(l => $"{l.Percentile(99):F1} ms"))}");

        // 2. Engine capacity: everything created is in flight; how much does waiting cost?
        await Task.Delay(TimeSpan.FromSeconds(5));
        var backlog = BenchPortal.Backlog(files);
        var cpuBefore = BenchPortal.CpuTime(portal);
        var idle = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(plan.IdleSeconds));
        var cpuShare = (BenchPortal.CpuTime(portal) - cpuBefore) / idle.Elapsed * 100;
        var byStatus = BenchPortal.OperationsByStatus(files);
        Console.WriteLine($"Engine: operations {string.Join(", ", byStatus.Select(s => $"{s.Key} {s.Value}"))}; " +
                          $"idle CPU {cpuShare:F1} % of one core over {plan.IdleSeconds} s, from when {backlog.OperationsNotStarted} operations " +
                          $"were still to begin and {backlog.EventsUndispatched} events to dispatch; peak RSS {BenchPortal.PeakRssMb(portal):F0} MB; threads {BenchPortal.Threads(portal)}");
    }

    // 3. Closed loop on SQLite.
    if (plan.Runs("closed"))
        await load.MeasureClosedLoopAsync("SQLite", portal, plan);

    if (plan.Runs("lists"))
    {
        // 4. Lists at scale: a customer with 50,000 users and 5,000 repos, paged and searched in the database.
        var customerId = ListSeed.Seed(files, users: plan.Users, repos: plan.Repos);
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        var listToken = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = ListSeed.AdminEmail, password = "Demo-Passw0rd!" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", listToken);
        foreach (var (label, path) in new[]
                 {
                     ("users, first page", "/api/v1/users?pageSize=25"), ("users, search", $"/api/v1/users?q=user-{plan.Users - 7:00000}"),
                     ("repos, first page", "/api/v1/repos?pageSize=25"), ("repos, search", $"/api/v1/repos?q=repo-{(plan.Repos - 10) / 10:0000}"),
                 })
        {
            var latencies = new Latencies();
            for (var i = 0; i < plan.ListRequests; i++)
            {
                var sent = Stopwatch.GetTimestamp();
                (await http.GetAsync(path)).EnsureSuccessStatusCode();
                latencies.Add(Stopwatch.GetElapsedTime(sent));
            }
            Console.WriteLine($"List {label} (customer {customerId:N}): {latencies.Summary()}");
        }

        // 5. SCIM on the same large customer: a directory's lookup, and its first full sync.
        await ScimBench.RunAsync(files, portal, listToken!, customerId, plan);
    }
}

// 6. The closed loop on PostgreSQL, with the CPU of the database server's processes beside the portal's.
if (plan.Runs("postgres") || plan.Runs("sql"))
{
    using var cluster = PostgresCluster.Start();
    if (plan.Runs("postgres"))
    {
        using var files = new PortalFiles(cluster.ConnectionString);
        await using var portal = await PortalProcess.StartAsync(files, tenMinuteSteps);
        using var load = await CreateLoad.SignInAsync(portal);
        await load.MeasureClosedLoopAsync("PostgreSQL", portal, plan, cluster.CpuTime);
    }

    // 7. The SQL of a create and of the worker's steps after it, on both databases.
    if (plan.Runs("sql"))
    {
        using var onPostgres = new PortalFiles(cluster.ConnectionString);
        await SqlCount.RunAsync("PostgreSQL", onPostgres, plan);
        using var onSqlite = new PortalFiles(postgresServer: null);
        await SqlCount.RunAsync("SQLite", onSqlite, plan);
    }
}

// 8. Live status, on a portal of its own whose cloud takes a second a step.
if (plan.Runs("live"))
{
    var live = await LiveStatus.MeasureAsync(environments: plan.LiveEnvironments);
    Console.WriteLine($"Live status, saved Ready to card showing it ({live.Count} environments): {live.Summary()}");
}

// 9. Webhooks, on a portal of their own.
if (plan.Runs("webhooks"))
    await WebhookBench.RunAsync(plan);
