using DataTricks.Domain.Common;
using System.Runtime.CompilerServices;
using DataTricks.Domain.Auditing;
using DataTricks.Portal.Components.Shared;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Components.Pages.Audit;

/// <summary>
/// <c>GET /audit/export.csv</c>: the audit log page's filtered view as a file, for the portal's signed-in admins
/// (the API reads the same events as JSON). It pages through the log in the database, so memory stays flat.
/// </summary>
public static class AuditCsvEndpoint
{
    public const string Path = "/audit/export.csv";

    public static IEndpointRouteBuilder MapAuditCsvExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async Task<IResult> (HttpContext context, AuditQueryService audit, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var clock = ViewerClock.Of(ViewerClock.Read(context));
                var filter = AuditQuery.Of(context.Request.Query).ToFilter(clock);
                var first = await audit.PageAsync(filter, null, ListQuery.MaxLimit, cancellationToken);
                if (!first.Succeeded)
                    return TypedResults.Problem(first.Failure.Detail, statusCode: StatusCodes.Status400BadRequest);
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
                await AuditCsv.WriteAsync(context.Response.Body, AllAsync(audit, filter, first.Value, cancellationToken), clock, cancellationToken);
                return TypedResults.Empty;
            })
            .RequireAuthorization(Policies.TenantAdmin)
            .ExcludeFromDescription();
        return app;
    }

    private static async IAsyncEnumerable<AuditEventView> AllAsync(
        AuditQueryService audit, AuditFilter filter, Domain.Common.Page<AuditEventView> page, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var e in page.Items)
                yield return e;
            if (page.NextPageToken is not { } next)
                yield break;
            page = (await audit.PageAsync(filter, next, ListQuery.MaxLimit, cancellationToken)).Value!;
        }
    }
}
