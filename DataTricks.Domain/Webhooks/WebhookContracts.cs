namespace DataTricks.Domain.Webhooks;

/// <param name="FailureStreak">Failed attempts since the last success.</param>
/// <param name="FailingSince">The first failure since the last success; after 3 days of failing the endpoint is disabled.</param>
/// <param name="PreviousSecretExpiresAt">Until when deliveries are also signed with the secret before the last rotation.</param>
public sealed record WebhookEndpointView(
    Guid Id, string Url, string Description, IReadOnlyList<string> EventTypes, bool Enabled, DateTimeOffset? DisabledAt, string? DisabledReason,
    DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailureAt, int FailureStreak, DateTimeOffset? FailingSince,
    DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WebhookEndpointView Of(WebhookEndpoint w) => new(
        w.Id, w.Url, w.Description, w.EventTypes, w.Enabled, w.DisabledAt, w.DisabledReason, w.LastSuccessAt, w.LastFailureAt, w.FailureStreak,
        w.FailingSince, w.PreviousSecretExpiresAt, w.CreatedAt, w.UpdatedAt);
}

public sealed record CreateWebhookEndpointRequest(string? Url, string? Description, IReadOnlyList<string>? EventTypes);

/// <summary>Changes what is given; <see cref="Enabled"/> true enables a disabled endpoint again, and its waiting deliveries go.</summary>
public sealed record UpdateWebhookEndpointRequest(string? Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled);

/// <summary>A new endpoint and its signing secret (whsec_…), shown only in this answer.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpointView Endpoint, string Secret);

/// <summary>The new secret, shown only in this answer; the previous one signs too until <see cref="PreviousSecretExpiresAt"/>.</summary>
public sealed record RotatedWebhookSecret(string Secret, DateTimeOffset PreviousSecretExpiresAt);

/// <param name="Response">The first 1 KB of the answer's body.</param>
/// <param name="Error">Why there was no answer: a timeout, a refused address, a connection error.</param>
public sealed record WebhookAttemptView(int Number, DateTimeOffset At, bool Succeeded, int? StatusCode, int DurationMs, string? Response, string? Error);

/// <param name="LastAttempt">The latest attempt, null before the first.</param>
/// <param name="NextAttemptAt">When it is next attempted, while it is pending.</param>
public sealed record WebhookDeliveryView(
    Guid Id, Guid EventId, string EventType, WebhookDeliveryStatus Status, int Attempts, WebhookAttemptView? LastAttempt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

/// <summary>A delivery with every attempt, newest first.</summary>
public sealed record WebhookDeliveryDetail(WebhookDeliveryView Delivery, IReadOnlyList<WebhookAttemptView> Attempts);

/// <summary>A search of an endpoint's deliveries: <see cref="Query"/> matches an event type or is an event id.</summary>
public sealed record WebhookDeliveryFilter(string? Query, WebhookDeliveryStatus? Status);
