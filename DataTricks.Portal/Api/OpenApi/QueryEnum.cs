namespace DataTricks.Portal.Api.OpenApi;

/// <summary>
/// A query parameter read as text (so that its own refusal names the values) but documented as the closed set it takes:
/// generated clients get the enum type, not a string.
/// </summary>
public sealed record QueryEnum(string Parameter, string Schema);

public static class QueryEnums
{
    public static RouteHandlerBuilder WithQueryEnum(this RouteHandlerBuilder builder, string parameter, string schema) =>
        builder.WithMetadata(new QueryEnum(parameter, schema));
}
