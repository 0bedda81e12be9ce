using System.Text.Json;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Events;

/// <summary>
/// Something that happened in a customer, as its automation sees it (<see cref="EventTypes"/>): written in the
/// transaction of the change it reports, so none is lost and none invented by a change that was rolled back. The
/// <see cref="EventSequencer"/> later gives it its <see cref="Position"/> in the customer's feed and hands it to the
/// webhook endpoints that want it.
/// </summary>
public sealed class CustomerEvent : ITenantOwned
{
    public const int TypeMaxLength = 64;

    /// <summary>How long the feed keeps events, and webhook deliveries their history.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private CustomerEvent() { }

    /// <summary>Numbered by the database as events are written: of one subject, the order its changes were committed in.</summary>
    public long Sequence { get; private set; }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Type { get; private set; } = "";

    /// <summary>What the event is about (an environment, a user, a repo…): events of one subject reach an endpoint in order.</summary>
    public Guid SubjectId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The event's <c>data</c>, as JSON (<see cref="EventJson"/>).</summary>
    public string Data { get; private set; } = "";

    /// <summary>The place in the feed, given once the event is committed (<see cref="Dispatch"/>); null before, and for a test event.</summary>
    public long? Position { get; private set; }

    /// <summary>A test event is for one endpoint only: it never enters the feed.</summary>
    public Guid? TestEndpointId { get; private set; }

    public static CustomerEvent Of<T>(string type, Guid customerId, Guid subjectId, T data, DateTimeOffset at) where T : notnull
    {
        if (!EventTypes.IsKnown(type))
            throw new ArgumentException($"'{type}' is not an event type.", nameof(type));
        return new CustomerEvent
        {
            Id = Guid.CreateVersion7(at),
            CustomerId = customerId,
            Type = type,
            SubjectId = subjectId,
            OccurredAt = at,
            Data = JsonSerializer.Serialize(data, EventJson.Options),
        };
    }

    /// <summary>A <see cref="EventTypes.WebhookTest"/> event for one endpoint.</summary>
    public static CustomerEvent TestFor(Guid customerId, Guid endpointId, DateTimeOffset at)
    {
        var test = Of(EventTypes.WebhookTest, customerId, endpointId, new WebhookTestData(endpointId, "This is a test event sent from DataTricks."), at);
        test.TestEndpointId = endpointId;
        // Its own subject: a test waits for no earlier event.
        test.SubjectId = test.Id;
        return test;
    }

    /// <summary>When the sequencer handed it on (gave it its place, made its deliveries); null until then.</summary>
    public DateTimeOffset? DispatchedAt { get; private set; }

    /// <summary>Gives the event its place in the feed (none for a test event) and marks it handed on.</summary>
    public void Dispatch(long? position, DateTimeOffset now)
    {
        if (DispatchedAt is not null || (position is null) != (TestEndpointId is not null))
            throw new InvalidOperationException($"Event {Id} was dispatched already, or a test event was given a place in the feed.");
        Position = position;
        DispatchedAt = now;
    }

    public EventView ToView() => new(Id, Type, OccurredAt, CustomerId, JsonDocument.Parse(Data).RootElement.Clone());
}
