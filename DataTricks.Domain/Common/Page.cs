namespace DataTricks.Domain.Common;

/// <summary>One page of a newest-first listing; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken) : INextPage;
