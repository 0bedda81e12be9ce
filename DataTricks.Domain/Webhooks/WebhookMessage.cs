namespace DataTricks.Domain.Webhooks;

/// <summary>What one attempt posts: the event's JSON to the endpoint's URL, signed with each of its valid secrets.</summary>
public sealed record WebhookMessage(Guid DeliveryId, Guid EndpointId, string Url, string EventId, string Body, IReadOnlyList<string> Secrets)
{
    /// <summary>The Standard Webhooks headers for an attempt at <paramref name="at"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers(DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return
        [
            new("webhook-id", EventId),
            new("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("webhook-signature", WebhookSecret.SignatureHeader(Secrets, EventId, timestamp, Body)),
        ];
    }

    /// <summary>Never the secrets: a message may end up in a log.</summary>
    public override string ToString() => $"Delivery {DeliveryId} of event {EventId} to {Url}";
}
