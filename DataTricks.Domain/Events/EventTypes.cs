using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Users;

namespace DataTricks.Domain.Events;

/// <summary>One kind of event: its name, the type of its <c>data</c>, and what it means.</summary>
public sealed record EventType(string Name, Type DataType, string Description);

/// <summary>Every event a customer's automation can receive: the one list webhook subscriptions, the feed and the OpenAPI document read.</summary>
public static class EventTypes
{
    public const string EnvironmentCreated = "environment.created";
    public const string EnvironmentUpdated = "environment.updated";
    public const string EnvironmentDeleted = "environment.deleted";
    public const string OperationSucceeded = "operation.succeeded";
    public const string OperationFailed = "operation.failed";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserDeleted = "user.deleted";
    public const string RepoCreated = "repo.created";
    public const string RepoUpdated = "repo.updated";
    public const string RepoDeleted = "repo.deleted";
    public const string SupportAccessGranted = "support_access.granted";
    public const string SupportAccessRevoked = "support_access.revoked";
    public const string SupportAccessExpired = "support_access.expired";
    public const string ImpersonationStarted = "impersonation.started";
    public const string ImpersonationEnded = "impersonation.ended";

    /// <summary>Sent to one endpoint by "Send test event"; never in the feed, and no endpoint subscribes to it.</summary>
    public const string WebhookTest = "webhook.test";

    /// <summary>The types an endpoint may subscribe to and the feed may hold, in the order people read them.</summary>
    public static IReadOnlyList<EventType> Subscribable { get; } =
    [
        new(EnvironmentCreated, typeof(EnvironmentSnapshot), "A compute environment was requested; it is Pending."),
        new(EnvironmentUpdated, typeof(EnvironmentSnapshot), "A compute environment's status, name or size changed. Apply it only if its version is higher than the last you applied."),
        new(EnvironmentDeleted, typeof(EnvironmentSnapshot), "A compute environment's cloud resources are gone."),
        new(OperationSucceeded, typeof(OperationView), "A long-running operation on an environment finished."),
        new(OperationFailed, typeof(OperationView), "A long-running operation on an environment failed; its error says why."),
        new(UserCreated, typeof(UserView), "A user was added to the customer."),
        new(UserUpdated, typeof(UserView), "A user's role, active state, name or e-mail changed."),
        new(UserDeleted, typeof(UserView), "A user was deleted."),
        new(RepoCreated, typeof(RepoEventData), "A repo was created."),
        new(RepoUpdated, typeof(RepoEventData), "A repo was renamed, described or bound to another environment."),
        new(RepoDeleted, typeof(RepoEventData), "A repo was deleted."),
        new(SupportAccessGranted, typeof(SupportAccessEventData), "An admin let DataTricks support act in the customer until a time, or moved that time."),
        new(SupportAccessRevoked, typeof(SupportAccessEventData), "An admin took support access back before it expired."),
        new(SupportAccessExpired, typeof(SupportAccessEventData), "Support access ran out."),
        new(ImpersonationStarted, typeof(ImpersonationEventData), "A DataTricks support engineer began acting in the customer."),
        new(ImpersonationEnded, typeof(ImpersonationEventData), "A support engineer stopped acting in the customer, or their time ran out."),
    ];

    public static EventType Test { get; } = new(WebhookTest, typeof(WebhookTestData), "A test event from \"Send test event\".");

    private static readonly HashSet<string> Names = [.. Subscribable.Select(t => t.Name)];

    public static bool IsSubscribable(string name) => Names.Contains(name);

    public static bool IsKnown(string name) => IsSubscribable(name) || name == WebhookTest;
}
