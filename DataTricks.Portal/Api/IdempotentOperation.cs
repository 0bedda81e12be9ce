namespace DataTricks.Portal.Api;

/// <summary>
/// Marks a write that takes an Idempotency-Key: a retry with the same key and request is answered what the first got.
/// The document lists the header, the 409 and 422 of a key in use, and the Idempotent-Replayed header of a replay.
/// </summary>
public sealed record IdempotentOperation
{
    public const string Header = "Idempotency-Key";

    public static readonly IdempotentOperation Instance = new();
}

public static class IdempotentOperations
{
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentOperation.Instance);
}
