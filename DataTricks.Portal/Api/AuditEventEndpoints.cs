using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public static class AuditEventEndpoints
{
    public static RouteGroupBuilder MapAuditEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", ListAsync)
            .RequireAuthorization(Policies.TenantAdmin)
            .WithTags("Audit")
            .WithName("ListAuditEvents")
            .WithSummary("The customer's audit events, newest first")
            .WithDescription("Follow nextPageToken for older events. Filters: actor (part of the e-mail of who acted, or of the support staff acting for them), " +
                "action (an action such as environment.create, or an area such as environment), target (the id acted on), from (inclusive) and to (exclusive) as RFC 3339 times.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return api;
    }


    private static async Task<Results<Ok<Page<AuditEventView>>, ProblemHttpResult>> ListAsync(
        string? actor, string? action, string? target, DateTimeOffset? from, DateTimeOffset? to,
        [AsParameters] PageRequest page, AuditQueryService audit, CancellationToken cancellationToken) =>
        (await audit.PageAsync(new AuditFilter(actor, action, target, from, to), page.PageToken, page.PageSize, cancellationToken)).ToHttpResult(events => TypedResults.Ok(events));
}
