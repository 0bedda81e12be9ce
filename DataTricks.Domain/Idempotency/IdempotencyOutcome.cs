namespace DataTricks.Domain.Idempotency;

/// <summary>What to do with a write that carries an Idempotency-Key.</summary>
public abstract record IdempotencyOutcome
{
    /// <summary>The key is this request's now: run it, then record its answer (or release the key).</summary>
    public sealed record Run : IdempotencyOutcome;

    /// <summary>The key already has an answer to this very request: give it again.</summary>
    public sealed record Replay(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body) : IdempotencyOutcome;

    /// <summary>The same request with this key is running right now: the caller retries shortly.</summary>
    public sealed record InFlight : IdempotencyOutcome;

    /// <summary>The key was used for another request.</summary>
    public sealed record Reused : IdempotencyOutcome;
}
