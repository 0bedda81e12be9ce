using DataTricks.Domain.Common;
using DataTricks.Portal.Api.OpenApi;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Api;

/// <summary>
/// Every problem the API answers carries a stable <c>code</c>, a <c>type</c> URI of its own that names it, and the
/// request id as <c>traceId</c> — whether a service failed, a body did not parse, or authentication refused.
/// </summary>
public static class ProblemTypes
{
    public const string CodeExtension = "code";

    public static Uri TypeOf(Uri publicBaseUrl, string code) => new(publicBaseUrl, $"/problems/{code}");

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var code = problem.Extensions.TryGetValue(CodeExtension, out var given) && given is string known ? known : DefaultCode(problem.Status);
        problem.Extensions[CodeExtension] = code;
        var publicBaseUrl = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.PublicBaseUrl;
        problem.Type = TypeOf(publicBaseUrl, code).ToString();
        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }

    private static string DefaultCode(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => ProblemCodes.ValidationFailed,
        StatusCodes.Status401Unauthorized => ProblemCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
        StatusCodes.Status404NotFound => ProblemCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ProblemCodes.MethodNotAllowed,
        StatusCodes.Status412PreconditionFailed => ProblemCodes.PreconditionFailed,
        StatusCodes.Status415UnsupportedMediaType => ProblemCodes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ProblemCodes.TooManyRequests,
        _ => ProblemCodes.InternalError,
    };
}
