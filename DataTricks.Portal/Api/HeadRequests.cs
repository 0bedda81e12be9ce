namespace DataTricks.Portal.Api;

/// <summary>
/// HEAD on every GET route of the API: the GET's status and headers (an ETag, a Retry-After) without its body, as RFC
/// 9110 asks, so a client can check a resource without reading it. The document lists the GETs only; the guide says
/// each also takes HEAD.
/// </summary>
public static class HeadRequests
{
    public static RouteGroupBuilder AnswerHeadLikeGet(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            // The last method metadata is the one routing reads.
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        });
        return group;
    }

    /// <summary>Drops what a handler writes in answer to HEAD, whatever the server under it does with such a body.</summary>
    public static IApplicationBuilder DropHeadBodies(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
                context.Response.Body = Stream.Null;
            return next(context);
        });
}
