using DataTricks.Domain.Common;
using DataTricks.Domain.Events;
using DataTricks.Portal.Api.OpenApi;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", ListAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithTags("Events")
            .WithName("ListEvents")
            .WithSummary("The customer's events, oldest first from a cursor")
            .WithDescription("The same events webhooks deliver, kept 30 days. Start without after; then pass the answer's next as after to get what came since. " +
                "types filters (comma-separated). With wait (e.g. 30s, at most 60s) an empty page is answered as soon as an event arrives. " +
                "The data of each type is described in the document's webhooks.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<EventFeedPage>, ProblemHttpResult>> ListAsync(
        string? after, string? types, int? pageSize, string? wait, EventFeedWaiter waiter, CancellationToken cancellationToken)
    {
        if (OperationWaiter.ParseWait(wait) is not { } duration)
            return Failure.Invalid("wait", $"wait is a number of seconds from 0s to {OperationWaiter.MaxWait.TotalSeconds:0}s, such as 30s.").ToProblem();
        var query = EventFeedService.Parse(after, types, pageSize);
        if (!query.Succeeded)
            return query.Failure.ToProblem();
        return TypedResults.Ok(await waiter.WaitAsync(query.Value, duration, cancellationToken));
    }
}
