using System.Net;
using System.Text.Json;

namespace DataTricks.Portal.Tests.Support;

/// <summary>Webhook calls several tests make through the API.</summary>
public static class WebhookDeliveries
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var page = await (await admin.GetAsync($"/api/v1/webhooks/{endpointId}/deliveries?pageSize=100", Ct)).JsonAsync();
            foreach (var delivery in page.GetProperty("items").EnumerateArray())
            {
                if (match(delivery))
                    return delivery;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No matching delivery within 20 s: {page}");
            await Task.Delay(50, Ct);
        }
    }
}
