using System.ComponentModel.DataAnnotations;
using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

/// <summary>
/// The page a list endpoint is asked for, bound from the query with <c>[AsParameters]</c> by every list: the same
/// names, the same size policy (<see cref="ListQuery.DefaultLimit"/> by default, at most <see cref="ListQuery.MaxLimit"/>)
/// and opaque base64url tokens that come from the previous page's <c>nextPageToken</c>.
/// </summary>
public sealed class PageRequest
{
    [FromQuery(Name = "pageSize"), Range(1, ListQuery.MaxLimit)]
    public int? PageSize { get; init; }

    [FromQuery(Name = "pageToken")]
    public string? PageToken { get; init; }
}
