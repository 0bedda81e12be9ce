namespace DataTricks.Domain.Common;

/// <summary>A page of a list that may go on: the token that reads its next page, or null on the last.</summary>
public interface INextPage
{
    string? NextPageToken { get; }
}
