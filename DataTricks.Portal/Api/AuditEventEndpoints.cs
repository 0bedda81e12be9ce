using DataTricks.Domain.Auditing;
using System.ComponentModel.DataAnnotations;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public static class AuditEventEndpoints
{
    public static RouteGroupBuilder MapAuditEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", async (string? pageToken, [Range(1, AuditQueryService.MaxPageSize)] int? pageSize, AuditQueryService audit, CancellationToken cancellationToken) =>
                (await audit.PageAsync(pageToken, pageSize, cancellationToken)).ToHttpResult(page => TypedResults.Ok(page)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithTags("Audit")
            .WithName("ListAuditEvents")
            .WithSummary("The customer's audit events, newest first")
            .WithDescription("Follow nextPageToken for older events.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return api;
    }
}
