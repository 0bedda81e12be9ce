using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Http.Extensions;

namespace DataTricks.Portal.Api;

/// <summary>
/// <c>Link: &lt;…&gt;; rel="next"</c> (RFC 8288) on every page of a list that goes on: the same request with the next
/// page's token, so a client can follow links without building URLs.
/// </summary>
public static class NextPageLinks
{
    public static RouteGroupBuilder LinkNextPages(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (Unwrap(result) is INextPage { NextPageToken: { } token })
                context.HttpContext.Response.Headers.Link = $"<{NextUrl(context.HttpContext.Request, token)}>; rel=\"next\"";
            return result;
        });
        return group;
    }

    private static object? Unwrap(object? result) => result switch
    {
        INestedHttpResult nested => Unwrap(nested.Result),
        IValueHttpResult value => value.Value,
        _ => null,
    };

    private static string NextUrl(HttpRequest request, string token)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key != "pageToken").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "pageToken", token },
        };
        return request.PathBase + request.Path + query.ToQueryString();
    }
}
