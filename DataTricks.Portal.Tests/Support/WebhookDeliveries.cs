using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Testing;

namespace DataTricks.Portal.Tests.Support;

/// <summary>Webhook calls several tests make through the API.</summary>
public static class WebhookDeliveries
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Adds an endpoint for <paramref name="eventTypes"/>; answers its id and its secret.</summary>
    public static async Task<(Guid Id, string Secret)> CreateEndpointAsync(this HttpClient admin, string url, params string[] eventTypes)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes, description = "Tests" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        return (body.GetProperty("endpoint").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    /// <summary>Sends a test event to the endpoint and answers its delivery's id, once the sequencer has made it.</summary>
    public static async Task<Guid> TestDeliveryAsync(HttpClient admin, Guid endpointId)
    {
        var sent = await admin.PostAsync($"/api/v1/webhooks/{endpointId}/test", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var eventId = (await sent.JsonAsync()).GetProperty("eventId").GetGuid();
        return (await EventuallyAsync(admin, endpointId, d => d.GetProperty("eventId").GetGuid() == eventId)).GetProperty("id").GetGuid();
    }

    /// <summary>The endpoint's delivery matching <paramref name="match"/>, waited for (the sequencer and the dispatcher run in the background).</summary>
    public static async Task<JsonElement> EventuallyAsync(HttpClient admin, Guid endpointId, Func<JsonElement, bool> match)
    {
        JsonElement found = default;
        var page = "";
        await Eventually.HoldsAsync(async () =>
        {
            var body = await (await admin.GetAsync($"/api/v1/webhooks/{endpointId}/deliveries?pageSize=100", Ct)).JsonAsync();
            page = body.ToString();
            found = body.GetProperty("items").EnumerateArray().FirstOrDefault(match);
            return found.ValueKind == JsonValueKind.Object;
        }, "a matching delivery", TimeSpan.FromSeconds(20), lastSeen: () => page);
        return found;
    }
}
