using System.Text.Json;

namespace DataTricks.Domain.Events;

/// <summary>An event as the feed lists it and a webhook delivers it: the envelope of every event type.</summary>
/// <param name="Data">The event type's own data; its schema per type is in the OpenAPI document's webhooks.</param>
public sealed record EventView(Guid Id, string Type, DateTimeOffset OccurredAt, Guid CustomerId, JsonElement Data);

/// <summary>A page of the feed, oldest first. Ask again with <see cref="Next"/> as <c>after</c> for what came since.</summary>
/// <param name="Next">The cursor after the last event of this page, or the one asked with when the page is empty.</param>
public sealed record EventFeedPage(IReadOnlyList<EventView> Items, string Next);

/// <summary>The data of a test event sent to one endpoint.</summary>
public sealed record WebhookTestData(Guid EndpointId, string Message);
