namespace DataTricks.Portal.Api.OpenApi;

/// <summary>A header an endpoint answers with: the OpenAPI document lists it, so generated clients can read it.</summary>
public sealed record ResponseHeader(int StatusCode, string Name, string Description, HeaderKind Kind = HeaderKind.Text);

public enum HeaderKind
{
    Text,
    Uri,
    Seconds,
    Boolean,
}

public static class ResponseHeaders
{
    public const string OperationLocation = "Operation-Location";
    public const string IdempotentReplayed = "Idempotent-Replayed";
    public const string RequestId = "X-Request-Id";

    public static TBuilder WithResponseHeader<TBuilder>(this TBuilder builder, int statusCode, string name, string description, HeaderKind kind = HeaderKind.Text)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ResponseHeader(statusCode, name, description, kind));

    /// <summary>A GET answering an ETag, and 304 to an If-None-Match that holds it.</summary>
    public static RouteHandlerBuilder WithConditionalGet(this RouteHandlerBuilder builder) =>
        builder
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The representation's strong ETag, for If-None-Match (and If-Match where a write takes it).")
            .Produces(StatusCodes.Status304NotModified)
            .WithResponseHeader(StatusCodes.Status304NotModified, "ETag", "The current ETag: what the caller holds is current.");

    /// <summary>The headers of an answer that starts a long-running operation.</summary>
    public static TBuilder WithOperationHeaders<TBuilder>(this TBuilder builder, bool location = false) where TBuilder : IEndpointConventionBuilder
    {
        if (location)
            builder.WithResponseHeader(StatusCodes.Status202Accepted, "Location", "The new environment.", HeaderKind.Uri);
        return builder
            .WithResponseHeader(StatusCodes.Status202Accepted, OperationLocation, "The operation to follow until it is done.", HeaderKind.Uri)
            .WithResponseHeader(StatusCodes.Status202Accepted, "Retry-After", "Seconds to wait before looking at the operation.", HeaderKind.Seconds);
    }
}
