using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataTricks.Testing;

/// <summary>One webhook as a receiver got it.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Id => Headers["webhook-id"];
    public long Timestamp => long.Parse(Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public string Type => Json.GetProperty("type").GetString()!;
}

/// <summary>
/// A customer's webhook receiver: a real HTTP server on 127.0.0.1 that records what it is posted and answers what the
/// test says (by default 204). It checks signatures two ways: with its own reading of the Standard Webhooks
/// specification, and with the specification's reference implementation (the npm package standardwebhooks).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>What to answer a webhook; may take its time (a slow receiver).</summary>
    public Func<ReceivedWebhook, Task<int>> Answer { get; set; } = _ => Task.FromResult(StatusCodes.Status204NoContent);

    /// <summary>A whole answer (a redirect, a large body) instead of <see cref="Answer"/>'s status, when it gives one.</summary>
    public Func<ReceivedWebhook, IResult?> Reply { get; set; } = _ => null;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public string Url(string path = "/hooks") =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/') + path;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var webhook = new ReceivedWebhook(http.Request.Path, headers, body);
            receiver._received.Enqueue(webhook);
            return receiver.Reply(webhook) ?? Results.StatusCode(await receiver.Answer(webhook));
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> webhooks matching <paramref name="match"/> have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, Func<ReceivedWebhook, bool>? match = null, TimeSpan? limit = null)
    {
        var matching = new List<ReceivedWebhook>();
        await DataTricks.Testing.Eventually.HoldsAsync(() =>
        {
            matching = [.. Received.Where(match ?? (_ => true))];
            return Task.FromResult(matching.Count >= count);
        }, $"{count} webhook(s)", limit ?? TimeSpan.FromSeconds(20), lastSeen: () => string.Join(", ", Received.Select(r => r.Type)));
        return matching;
    }

    /// <summary>The receiver's own check: some signature of the header is v1 and the HMAC-SHA256 of id.timestamp.body with the secret's key.</summary>
    public static bool IsSignedWith(ReceivedWebhook webhook, string secret)
    {
        Assert.StartsWith("whsec_", secret);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}"));
        return webhook.Headers["webhook-signature"].Split(' ').Any(signature =>
            signature.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(signature[3..]), expected));
    }

    /// <summary>The reference implementation's verdict on each webhook with its secret: null when it verifies, else its error.</summary>
    public static async Task<IReadOnlyList<string?>> ReferenceVerdictsAsync(IReadOnlyList<(ReceivedWebhook Webhook, string Secret)> deliveries)
    {
        var input = JsonSerializer.Serialize(deliveries.Select(d => new
        {
            secret = d.Secret,
            headers = new Dictionary<string, string>
            {
                ["webhook-id"] = d.Webhook.Headers["webhook-id"],
                ["webhook-timestamp"] = d.Webhook.Headers["webhook-timestamp"],
                ["webhook-signature"] = d.Webhook.Headers["webhook-signature"],
            },
            body = d.Webhook.Body,
        }));
        var info = new ProcessStartInfo("node", [Path.Combine(ToolDirectory, "verify.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"The reference verifier failed (run npm ci in tools/standard-webhooks): {errors}");
        return [.. JsonDocument.Parse(output).RootElement.EnumerateArray().Select(r => r.GetProperty("ok").GetBoolean() ? null : r.GetProperty("error").GetString())];
    }

    private static string ToolDirectory => Path.Combine(DataTricks.E2E.Support.SolutionDirectory.Path, "tools", "standard-webhooks");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
