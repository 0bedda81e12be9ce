using DataTricks.Domain.Common;
using DataTricks.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public static class ApiEndpoints
{
    /// <summary>The REST API under <c>/api/v1</c>, authenticated by bearer tokens only (see docs/api.md).</summary>
    public static IEndpointRouteBuilder MapDataTricksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiAuthentication.Scheme })
            .DisableAntiforgery()
            .AnswerHeadLikeGet()
            .LinkNextPages()
            .RefuseUnknownQueryParameters();
        api.MapSignupEndpoints()
            .MapAuthTokenEndpoints()
            .MapAccessTokenEndpoints()
            .MapCustomerEndpoints()
            .MapSupportAccessEndpoints()
            .MapSsoEndpoints()
            .MapAuditEventEndpoints()
            .MapSupportEndpoints()
            .MapComputeEnvironmentEndpoints()
            .MapOperationEndpoints()
            .MapUserEndpoints()
            .MapRepoEndpoints()
            .MapGroupEndpoints()
            .MapScimTokenEndpoints()
            .MapWebhookEndpoints()
            .MapEventEndpoints();

        // The type URIs of problems resolve to what they mean, for a person following one from a log.
        app.MapGet("/problems/{code}", DescribeProblem)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static Results<ContentHttpResult, NotFound> DescribeProblem(string code) =>
        ProblemCodes.All.FirstOrDefault(p => p.Code == code) is { Code: not null } known
            ? TypedResults.Text($"{known.Code} (HTTP {known.Status}): {known.Meaning}\n")
            : TypedResults.NotFound();
}
