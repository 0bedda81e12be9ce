namespace DataTricks.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (or for its endpoint to be enabled again).</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed, or the endpoint answered 410 Gone: no more attempts unless redelivered.</summary>
    Failed,
}
