using DataTricks.Domain.Auditing;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

public static class AuditEventEndpoints
{
    public static RouteGroupBuilder MapAuditEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", async (string? pageToken, int? pageSize, AuditQueryService audit, CancellationToken cancellationToken) =>
                (await audit.PageAsync(pageToken, pageSize, cancellationToken)).ToHttpResult(page => TypedResults.Ok(page)))
            .RequireAuthorization(Policies.TenantAdmin)
            .WithTags("Audit")
            .WithSummary("The customer's audit events, newest first")
            .ProducesValidationProblem();
        return api;
    }
}
