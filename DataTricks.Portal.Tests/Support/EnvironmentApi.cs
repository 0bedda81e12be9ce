using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Domain.Cloud;
using DataTricks.Domain.Infrastructure.CloudSimulator;
using DataTricks.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Support;

/// <summary>Calls of the compute environment API that many tests share.</summary>
public static class EnvironmentApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> CreateEnvironmentAsync(this HttpClient client, string name, string cloud = "Aws", string region = "us-east-1", string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/compute-environments")
        {
            Content = JsonContent.Create(new { name, cloud, region, minWorkers = 1, maxWorkers = 2 }),
        };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request, Ct);
    }

    public static async Task<JsonElement> CreatedEnvironmentAsync(this HttpClient client, string name)
    {
        var response = await client.CreateEnvironmentAsync(name);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Polls until the environment has <paramref name="status"/>; the worker runs for real, so this waits real time.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient client, Guid id, string status)
    {
        JsonElement environment = default;
        await Eventually.HoldsAsync(async () =>
        {
            environment = await (await client.GetAsync($"/api/v1/compute-environments/{id}", Ct)).JsonAsync();
            return environment.TryGetProperty("status", out var current) && current.GetString() == status;
        }, $"environment {id} to be {status}");
        return environment;
    }

    public static Task InjectCloudFaultAsync(this PortalFactory factory, string call, bool permanent, string message) =>
        ((SimulatedCloud)factory.Services.GetRequiredService<ICloud>()).InjectFaultAsync(call, permanent, message, cancellationToken: Ct);
}
