using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Webhooks;

/// <summary>What happened when a node posted a delivery once: the delivery log's line.</summary>
public sealed class WebhookAttempt : ITenantOwned
{
    public const int ResponseMaxLength = 1024;
    public const int ErrorMaxLength = 500;

    private WebhookAttempt() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid EndpointId { get; private set; }
    public Guid DeliveryId { get; private set; }
    public int Number { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int? StatusCode { get; private set; }
    public int DurationMs { get; private set; }

    /// <summary>The first 1 KB of the answer's body.</summary>
    public string? Response { get; private set; }

    /// <summary>Why there was no answer (timeout, refused address, connection error).</summary>
    public string? Error { get; private set; }

    public bool Succeeded { get; private set; }

    public static WebhookAttempt Of(WebhookDelivery delivery, WebhookAttemptOutcome outcome, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        CustomerId = delivery.CustomerId,
        EndpointId = delivery.EndpointId,
        DeliveryId = delivery.Id,
        Number = delivery.Attempts,
        At = at,
        StatusCode = outcome.StatusCode,
        DurationMs = (int)Math.Min(int.MaxValue, outcome.Duration.TotalMilliseconds),
        Response = Truncate(outcome.Response, ResponseMaxLength),
        Error = Truncate(outcome.Error, ErrorMaxLength),
        Succeeded = outcome.Succeeded,
    };

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}

/// <summary>What one post of a delivery got: a status and the start of the body, or an error instead.</summary>
public sealed record WebhookAttemptOutcome(int? StatusCode, TimeSpan Duration, string? Response, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>410 Gone: the receiver says the endpoint is no more.</summary>
    public bool Gone => StatusCode == 410;
}
