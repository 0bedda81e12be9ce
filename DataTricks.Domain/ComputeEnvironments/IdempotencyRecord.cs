using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// An Idempotency-Key a client sent with a create: the same key and request give back the same environment.
/// The primary key (customer, key) is what makes two concurrent requests with one key create one environment.
/// </summary>
public sealed class IdempotencyRecord : ITenantOwned
{
    public const int KeyMaxLength = 200;

    /// <summary>How long a key is remembered: a client retrying a create does so within minutes, not days.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private IdempotencyRecord() { }

    public Guid CustomerId { get; private set; }
    public string Key { get; private set; } = null!;
    public string RequestHash { get; private set; } = null!;
    public Guid ComputeEnvironmentId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsExpired(DateTimeOffset now) => CreatedAt + Lifetime <= now;

    public static IdempotencyRecord For(Guid customerId, string key, string requestHash, Guid environmentId, DateTimeOffset now) =>
        new() { CustomerId = customerId, Key = key, RequestHash = requestHash, ComputeEnvironmentId = environmentId, CreatedAt = now };
}
