using DataTricks.Domain.Common;

namespace DataTricks.Portal.Api.OpenApi;

/// <summary>
/// A query parameter read as text (so that its own refusal names the values) but documented as the closed set it takes:
/// a shared enum component (<paramref name="Schema"/>) or the list's own <paramref name="Values"/>. Generated clients
/// get an enum type, not a string.
/// </summary>
public sealed record QueryEnum(string Parameter, string? Schema = null, IReadOnlyList<string>? Values = null);

public static class QueryEnums
{
    public static RouteHandlerBuilder WithQueryEnum(this RouteHandlerBuilder builder, string parameter, string schema) =>
        builder.WithMetadata(new QueryEnum(parameter, Schema: schema));

    /// <summary>The <c>sort</c> a list takes: each of its columns, ascending or (with '-') descending.</summary>
    public static RouteHandlerBuilder WithSortOrders(this RouteHandlerBuilder builder, IEnumerable<string> columns) =>
        builder.WithMetadata(new QueryEnum("sort", Values: SortOrder.Values(columns)));
}
