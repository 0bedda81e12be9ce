using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.E2E.Support;

namespace DataTricks.Bench;

/// <summary>Creates environments through the API as the demo customer's admin, one by one or from many clients at once.</summary>
internal sealed class CreateLoad : IDisposable
{
    private readonly HttpClient _http;
    private int _created;

    private CreateLoad(HttpClient http) => _http = http;

    public static async Task<CreateLoad> SignInAsync(PortalProcess portal)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.test", password = "Demo-Passw0rd!" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new CreateLoad(http);
    }

    public async Task CreateAsync()
    {
        var i = Interlocked.Increment(ref _created);
        var response = await _http.PostAsJsonAsync("/api/v1/compute-environments", new { name = $"bench-{i:000000}", cloud = "Aws", region = "us-east-1" });
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"create {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Each client sends its next create as soon as its last one answered, until <paramref name="duration"/> is over.</summary>
    public async Task<Latencies> ClosedLoopAsync(int clients, TimeSpan duration)
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

    /// <summary>
    /// The closed loop measured after a warm-up of the same load (the JIT's tiers settle in the first seconds; a cold
    /// start is what the open loop measures), with the CPU the portal (and the database server, when it has its own
    /// processes) spent per create.
    /// </summary>
    public async Task MeasureClosedLoopAsync(string label, PortalProcess portal, BenchPlan plan, Func<TimeSpan>? databaseCpu = null)
    {
        await ClosedLoopAsync(plan.Clients, TimeSpan.FromSeconds(plan.WarmUpSeconds));
        var duration = TimeSpan.FromSeconds(plan.ClosedSeconds);
        var (portalBefore, databaseBefore) = (BenchPortal.CpuTime(portal), databaseCpu?.Invoke());
        var watch = Stopwatch.StartNew();
        var latencies = await ClosedLoopAsync(plan.Clients, duration);
        var elapsed = watch.Elapsed;
        var portalCpu = BenchPortal.CpuTime(portal) - portalBefore;
        var creates = Math.Max(1, latencies.Count);
        var databaseSpent = databaseCpu?.Invoke() - databaseBefore;
        var database = databaseSpent is { } spent ? $"; database CPU {spent.TotalMilliseconds / creates:F2} ms per create ({spent / elapsed:F2} cores busy)" : "";
        Console.WriteLine($"Closed loop, {label}: {plan.Clients} clients for {duration.TotalSeconds:F0} s after {plan.WarmUpSeconds} s of warm-up: " +
                          $"{latencies.Count / elapsed.TotalSeconds:F0} creates/s; {latencies.Summary()}; " +
                          $"portal CPU {portalCpu.TotalMilliseconds / creates:F2} ms per create ({portalCpu / elapsed:F2} cores busy){database}");
    }

    public void Dispose() => _http.Dispose();
}
