using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// One event on its way to one endpoint: attempted until the endpoint answers 2xx, on the
/// <see cref="WebhookRetrySchedule"/>, by whichever node holds its lease. Of one subject's events, an endpoint gets the
/// next only once the earlier one is done (delivered or given up), so they arrive in order.
/// </summary>
public sealed class WebhookDelivery : ITenantOwned
{
    private WebhookDelivery() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid EndpointId { get; private set; }

    /// <summary>The event's <see cref="Events.CustomerEvent.Sequence"/>: its row, and its order among its subject's events.</summary>
    public long EventSequence { get; private set; }

    public Guid EventId { get; private set; }
    public string EventType { get; private set; } = "";
    public Guid SubjectId { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    // The latest attempt, as the delivery log lists it; every attempt is a WebhookAttempt.
    public int? LastStatusCode { get; private set; }
    public int? LastDurationMs { get; private set; }
    public string? LastResponse { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    public static WebhookDelivery Of(Events.CustomerEvent customerEvent, Guid endpointId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CustomerId = customerEvent.CustomerId,
        EndpointId = endpointId,
        EventSequence = customerEvent.Sequence,
        EventId = customerEvent.Id,
        EventType = customerEvent.Type,
        SubjectId = customerEvent.SubjectId,
        Status = WebhookDeliveryStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    /// <summary>
    /// Records an attempt's outcome and releases the lease. A failure is retried on the schedule, counted from the first
    /// attempt, unless <paramref name="giveUp"/> (410 Gone) or the schedule is over.
    /// </summary>
    public WebhookAttempt Record(WebhookAttemptOutcome outcome, bool giveUp, DateTimeOffset now)
    {
        Attempts++;
        var attempt = WebhookAttempt.Of(this, outcome, now);
        LastAttemptAt = now;
        LastStatusCode = attempt.StatusCode;
        LastDurationMs = attempt.DurationMs;
        LastResponse = attempt.Response;
        LastError = attempt.Error;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        if (outcome.Succeeded)
        {
            Status = WebhookDeliveryStatus.Delivered;
            DeliveredAt = now;
        }
        else if (!giveUp && WebhookRetrySchedule.DelayAfter(Attempts) is { } delay)
        {
            Status = WebhookDeliveryStatus.Pending;
            NextAttemptAt = now + delay;
        }
        else
        {
            Status = WebhookDeliveryStatus.Failed;
        }
        return attempt;
    }

    /// <summary>Whether a node holds it to attempt it now.</summary>
    public bool IsBeingAttemptedAt(DateTimeOffset now) => LeaseOwner is not null && LeaseExpiresAt > now;

    /// <summary>One more attempt now, whatever happened before ("Redeliver").</summary>
    public void Redeliver(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
        DeliveredAt = null;
    }
}
