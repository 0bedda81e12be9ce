using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.E2E.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataTricks.Bench;

/// <summary>
/// Webhooks on a portal of their own, posting to a receiver in this process:
/// throughput, events written straight into the database as committed changes would leave them, from the write to
/// the receiver holding them all; and isolation, one endpoint that never answers within the timeout beside another
/// whose delivery lag (from the API call that made the event to its arrival) is measured.
/// </summary>
internal static class WebhookBench
{
    private const string Password = "Demo-Passw0rd!";

    public static async Task RunAsync(BenchPlan plan)
    {
        await using var receiver = await Receiver.StartAsync();
        using var files = new PortalFiles(postgresServer: null);
        await using var portal = await PortalProcess.StartAsync(files, new Dictionary<string, string>
        {
            ["SimulatedCloud:StepDelay"] = "00:10:00",
            ["RateLimiting:SignInPerAddress"] = "100000",
            ["Webhooks:AllowPrivateTargets"] = "true",
        });
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.test", password = Password }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var customerId = (await http.GetFromJsonAsync<JsonElement>("/api/v1/customer")).GetProperty("id").GetGuid();

        // Throughput: the events are there at once; the sequencer and the dispatcher take them from there.
        await CreateEndpointAsync(http, receiver.Url("/bulk"), "repo.updated");
        var cpuBefore = BenchPortal.CpuTime(portal);
        var watch = Stopwatch.StartNew();
        InsertEvents(files, customerId, plan.WebhookEvents);
        await receiver.WaitForAsync("/bulk", plan.WebhookEvents, TimeSpan.FromMinutes(10));
        var cpu = BenchPortal.CpuTime(portal) - cpuBefore;
        Console.WriteLine($"Webhooks: {plan.WebhookEvents:N0} events delivered to one endpoint in {watch.Elapsed.TotalSeconds:F1} s " +
                          $"({plan.WebhookEvents / watch.Elapsed.TotalSeconds:F0}/s); portal CPU {cpu.TotalMilliseconds / plan.WebhookEvents:F2} ms per delivery");

        // Isolation: test events to both endpoints, a few a second; the stuck one holds every attempt past the timeout.
        var stuck = await CreateEndpointAsync(http, receiver.Url("/stuck"), "repo.updated");
        var fast = await CreateEndpointAsync(http, receiver.Url("/fast"), "repo.updated");
        var lag = new Latencies();
        var sentAt = new ConcurrentDictionary<string, long>();
        receiver.Arrived = (path, id, at) =>
        {
            if (path == "/fast" && sentAt.TryGetValue(id, out var sent))
                lag.Add(Stopwatch.GetElapsedTime(sent, at));
        };
        for (var i = 0; i < plan.WebhookLagEvents; i++)
        {
            await http.PostAsync($"/api/v1/webhooks/{stuck}/test", null);
            var sent = Stopwatch.GetTimestamp();
            var response = await http.PostAsync($"/api/v1/webhooks/{fast}/test", null);
            sentAt[(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString()!] = sent;
            await Task.Delay(100);
        }
        await receiver.WaitForAsync("/fast", plan.WebhookLagEvents, TimeSpan.FromMinutes(2));
        Console.WriteLine($"Webhooks: delivery lag of an endpoint beside one that times out on every attempt ({plan.WebhookLagEvents} events, " +
                          $"{receiver.Count("/stuck")} attempts at the stuck one begun): {lag.Summary()}");
    }

    private static async Task<Guid> CreateEndpointAsync(HttpClient http, string url, string eventType)
    {
        var response = await http.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { eventType } });
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endpoint").GetProperty("id").GetGuid();
    }

    /// <summary>Events of a thousand repos, committed and not yet handed on, as saves of the portal leave them.</summary>
    private static void InsertEvents(PortalFiles files, Guid customerId, int count)
    {
        using var connection = (SqliteConnection)files.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO CustomerEvents (Id, CustomerId, Type, SubjectId, OccurredAt, Data) VALUES ($id, $customer, 'repo.updated', $subject, $at, $data)";
        foreach (var name in new[] { "$id", "$customer", "$subject", "$at", "$data" })
            insert.Parameters.Add(new SqliteParameter(name, null));
        var subjects = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToList();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var subject = subjects[i % subjects.Count];
            insert.Parameters["$id"].Value = Guid.CreateVersion7().ToString().ToUpperInvariant();
            insert.Parameters["$customer"].Value = customerId.ToString().ToUpperInvariant();
            insert.Parameters["$subject"].Value = subject.ToString().ToUpperInvariant();
            insert.Parameters["$at"].Value = now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
            insert.Parameters["$data"].Value = $$"""{"id":"{{subject}}","name":"Repo {{i % 1000}}","description":null,"computeEnvironmentId":"{{Guid.Empty}}","createdAt":"{{now:O}}","updatedAt":"{{now:O}}"}""";
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>A customer's receivers on 127.0.0.1: /stuck answers after the portal gave up waiting, the others at once.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, int> _counts = new();

        private Receiver(WebApplication app) => _app = app;

        public Action<string, string, long>? Arrived { get; set; }

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/{path}", async (HttpContext context, string path) =>
            {
                var at = Stopwatch.GetTimestamp();
                receiver._counts.AddOrUpdate("/" + path, 1, (_, n) => n + 1);
                receiver.Arrived?.Invoke("/" + path, context.Request.Headers["webhook-id"].ToString(), at);
                // Past the portal's 10 s wait; but not past the receiver's own stop, which would otherwise wait out every
                // stuck answer (15 s at the end of each run).
                if (path == "stuck")
                    await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(15), app.Lifetime.ApplicationStopping));
                return Results.NoContent();
            });
            await app.StartAsync();
            return receiver;
        }

        public string Url(string path) =>
            _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + path;

        public int Count(string path) => _counts.GetValueOrDefault(path);

        public async Task WaitForAsync(string path, int count, TimeSpan limit)
        {
            var watch = Stopwatch.StartNew();
            while (Count(path) < count)
            {
                if (watch.Elapsed > limit)
                    throw new TimeoutException($"{path} received {Count(path)} of {count} webhooks in {limit}.");
                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
