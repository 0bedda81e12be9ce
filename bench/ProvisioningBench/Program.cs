// The figures bench/README.md quotes, on one portal process with a cloud that takes ten minutes a step:
//   create latency, open loop (requests sent on a schedule, latency counted from the scheduled time) and closed loop;
//   engine capacity with every created operation in flight (running count, idle CPU, peak memory);
//   list paging on a customer with 50,000 users and 5,000 repos;
//   SCIM on that customer with 2,000 groups: a lookup by userName, and a directory's first sync of 10,000 users;
//   live status: from a transition being saved to an open browser card showing it (a second portal, 1-second steps);
//   webhooks: 10,000 events delivered to a local receiver, and one endpoint's lag beside one that always times out (a third portal).
// Usage: dotnet run -c Release --project bench/ProvisioningBench [-- <creates per second> <seconds> <closed-loop clients>]
//        dotnet run --project bench/ProvisioningBench -- --smoke     every part for a few seconds (what ./test.sh runs)
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Bench;
using DataTricks.E2E.Support;

var plan = BenchPlan.From(args);
var (rate, seconds, clients) = (plan.Rate, plan.OpenSeconds, plan.Clients);

using var files = new PortalFiles();
await using var portal = await PortalProcess.StartAsync(files, new Dictionary<string, string>
{
    ["SimulatedCloud:StepDelay"] = "00:10:00",
    ["RateLimiting:SignInPerAddress"] = "100000",
});
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.test", password = "Demo-Passw0rd!" }))
    .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
var created = 0;

async Task CreateAsync()
{
    var i = Interlocked.Increment(ref created);
    var response = await http.PostAsJsonAsync("/api/v1/compute-environments", new { name = $"bench-{i:000000}", cloud = "Aws", region = "us-east-1" });
    if ((int)response.StatusCode != 202)
        throw new InvalidOperationException($"create {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}

// 1. Open loop: the i-th request is due at start + i / rate, whatever the earlier ones are doing.
Console.WriteLine($"Open loop: {rate} creates/s for {seconds} s ({rate * seconds} creates), cloud step 10 minutes");
var open = new Latencies();
var start = Stopwatch.GetTimestamp();
await Task.WhenAll(Enumerable.Range(0, rate * seconds).Select(async i =>
{
    var due = TimeSpan.FromSeconds((double)i / rate);
    var wait = due - Stopwatch.GetElapsedTime(start);
    if (wait > TimeSpan.Zero)
        await Task.Delay(wait);
    await CreateAsync();
    open.Add(Stopwatch.GetElapsedTime(start) - due);
}));
Console.WriteLine($"  create latency from the scheduled time: {open.Summary()}");

// 2. Engine capacity: everything created is in flight; how much does waiting cost?
await Task.Delay(TimeSpan.FromSeconds(5));
var cpuBefore = BenchPortal.CpuTime(portal);
var idle = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(plan.IdleSeconds));
var cpuShare = (BenchPortal.CpuTime(portal) - cpuBefore) / idle.Elapsed * 100;
var byStatus = BenchPortal.OperationsByStatus(files);
Console.WriteLine($"Engine: operations {string.Join(", ", byStatus.Select(s => $"{s.Key} {s.Value}"))}; " +
                  $"idle CPU {cpuShare:F1} % of one core over {plan.IdleSeconds} s; peak RSS {BenchPortal.PeakRssMb(portal):F0} MB; threads {BenchPortal.Threads(portal)}");

// 3. Closed loop: clients each send their next create as soon as the last answered, measured after a warm-up of the
// same load (the JIT's tiers settle in the first seconds; a cold start is what the open loop measures).
async Task<Latencies> ClosedLoopAsync(TimeSpan duration)
{
    var latencies = new Latencies();
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        while (watch.Elapsed < duration)
        {
            var sent = Stopwatch.GetTimestamp();
            await CreateAsync();
            latencies.Add(Stopwatch.GetElapsedTime(sent));
        }
    }));
    return latencies;
}

await ClosedLoopAsync(TimeSpan.FromSeconds(plan.WarmUpSeconds));
var closedFor = TimeSpan.FromSeconds(plan.ClosedSeconds);
var closedCpuBefore = BenchPortal.CpuTime(portal);
var closedWatch = Stopwatch.StartNew();
var closed = await ClosedLoopAsync(closedFor);
var closedCpu = BenchPortal.CpuTime(portal) - closedCpuBefore;
Console.WriteLine($"Closed loop: {clients} clients for {closedFor.TotalSeconds:F0} s after {plan.WarmUpSeconds} s of warm-up: " +
                  $"{closed.Count / closedWatch.Elapsed.TotalSeconds:F0} creates/s; {closed.Summary()}; " +
                  $"portal CPU {closedCpu.TotalMilliseconds / Math.Max(1, closed.Count):F2} ms per create " +
                  $"({closedCpu / closedWatch.Elapsed:F2} cores busy)");

// 4. Lists at scale: a customer with 50,000 users and 5,000 repos, paged and searched in the database.
var customerId = ListSeed.Seed(files, users: plan.Users, repos: plan.Repos);
var listToken = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = ListSeed.AdminEmail, password = "Demo-Passw0rd!" }))
    .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
using var lists = new HttpClient { BaseAddress = portal.BaseAddress };
lists.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", listToken);
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
        (await lists.GetAsync(path)).EnsureSuccessStatusCode();
        latencies.Add(Stopwatch.GetElapsedTime(sent));
    }
    Console.WriteLine($"List {label} (customer {customerId:N}): {latencies.Summary()}");
}

// 5. SCIM on the same large customer: a directory's lookup, and its first full sync.
await ScimBench.RunAsync(files, portal, listToken!, customerId, plan);

// 6. Live status, on a portal of its own whose cloud takes a second a step.
var live = await LiveStatus.MeasureAsync(environments: plan.LiveEnvironments);
Console.WriteLine($"Live status, saved Ready to card showing it ({live.Count} environments): {live.Summary()}");

// 7. Webhooks, on a portal of their own.
await WebhookBench.RunAsync(plan);
