// Measures what the README promises about speed: a create answers in milliseconds whatever the cloud does,
// lists page in the database, and thousands of operations in flight cost no thread each.
// Usage: dotnet run -c Release --project bench/ProvisioningBench [-- <environments> <concurrency>]
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Bench;
using DataTricks.E2E.Support;

var environments = args.Length > 0 ? int.Parse(args[0]) : 2000;
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 16;

using var files = new PortalFiles();
await using var portal = await PortalProcess.StartAsync(files, new Dictionary<string, string>
{
    // The cloud takes ten minutes per step: every operation stays in flight for the whole run.
    ["SimulatedCloud:StepDelay"] = "00:10:00",
    ["Provisioning:MaxConcurrentOperations"] = "10000",
});
using var http = new HttpClient { BaseAddress = portal.BaseAddress };
var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.test", password = "Demo-Passw0rd!" }))
    .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

Console.WriteLine($"Creating {environments} environments, {concurrency} requests at a time, against a cloud that takes 10 minutes a step...");
var threadsBefore = BenchPortal.Threads(portal);
var latencies = new List<double>();
var next = 0;
var total = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    while (Interlocked.Increment(ref next) is var i && i <= environments)
    {
        var watch = Stopwatch.StartNew();
        var response = await http.PostAsJsonAsync("/api/v1/compute-environments", new { name = $"bench-{i:00000}", cloud = "Aws", region = "us-east-1" });
        watch.Stop();
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"create {i} answered {(int)response.StatusCode}");
        lock (latencies) latencies.Add(watch.Elapsed.TotalMilliseconds);
    }
}));
total.Stop();
await Task.Delay(TimeSpan.FromSeconds(3));

Console.WriteLine($"create: {environments / total.Elapsed.TotalSeconds:F0} requests/s; latency ms p50 {Percentile(latencies, 50):F1}, p95 {Percentile(latencies, 95):F1}, p99 {Percentile(latencies, 99):F1}, max {latencies.Max():F1}");
Console.WriteLine($"operations in flight: {BenchPortal.RunningOperations(files)}; portal threads: {threadsBefore} before, {BenchPortal.Threads(portal)} with them all waiting on the cloud");

var pageLatencies = new List<double>();
string? pageToken = null;
var pages = 0;
do
{
    var watch = Stopwatch.StartNew();
    var page = await http.GetFromJsonAsync<JsonElement>($"/api/v1/compute-environments?pageSize=100&pageToken={pageToken}");
    pageLatencies.Add(watch.Elapsed.TotalMilliseconds);
    pageToken = page.GetProperty("nextPageToken").GetString();
    pages++;
} while (pageToken is not null);
Console.WriteLine($"list: {pages} pages of 100; latency ms p50 {Percentile(pageLatencies, 50):F1}, first {pageLatencies[0]:F1}, last {pageLatencies[^1]:F1}");

static double Percentile(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
}
