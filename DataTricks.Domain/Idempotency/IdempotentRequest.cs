using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Idempotency;

/// <summary>
/// A write sent with an Idempotency-Key: claimed while it runs, then holding the answer it got, so a retry with the same
/// key and request is answered exactly that again (status, headers, body) instead of running twice. Keys belong to the
/// caller who sent them (<see cref="Scope"/>): nobody else's retry can read the answer.
/// </summary>
public sealed class IdempotentRequest
{
    public const int KeyMaxLength = IdempotencyRecord.KeyMaxLength;
    public const int ScopeMaxLength = 120;

    /// <summary>As long as an environment's key: a client retries within minutes, not days.</summary>
    public static readonly TimeSpan Lifetime = IdempotencyRecord.Lifetime;

    /// <summary>
    /// How long a claim holds while its request runs. A write answers in well under a second, so a claim this old
    /// belongs to a node that died mid-request: the next retry runs the request again.
    /// </summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(1);

    private IdempotentRequest() { }

    public string Scope { get; private set; } = null!;
    public string Key { get; private set; } = null!;
    public string RequestHash { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ClaimedUntil { get; private set; }

    /// <summary>The answer's status; null while the request runs.</summary>
    public int? StatusCode { get; private set; }

    /// <summary>The answer's headers worth replaying, as a JSON object.</summary>
    public string? Headers { get; private set; }

    /// <summary>The answer's body, sealed: it may hold a secret shown once (a new token's).</summary>
    public byte[]? Body { get; private set; }

    public bool IsAnswered => StatusCode is not null;

    public bool IsExpired(DateTimeOffset now) => CreatedAt + Lifetime <= now;

    public bool IsAbandoned(DateTimeOffset now) => !IsAnswered && ClaimedUntil <= now;

    public static IdempotentRequest Claim(string scope, string key, string requestHash, DateTimeOffset now) =>
        new() { Scope = scope, Key = key, RequestHash = requestHash, CreatedAt = now, ClaimedUntil = now + ClaimDuration };
}
