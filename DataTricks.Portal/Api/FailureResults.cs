using DataTricks.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataTricks.Portal.Api;

/// <summary>Presents a service <see cref="Failure"/> as RFC 9457 problem details with its stable code.</summary>
public static class FailureResults
{
    public static ProblemHttpResult ToProblem(this Failure failure)
    {
        ProblemDetails problem = failure.FieldErrors is not null
            ? new HttpValidationProblemDetails(failure.FieldErrors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        problem.Status = StatusCode(failure.Kind);
        problem.Title = Title(failure.Kind);
        problem.Detail = failure.Detail;
        foreach (var (key, value) in failure.Extensions ?? new Dictionary<string, object?>())
            problem.Extensions[key] = value;
        problem.Extensions[ProblemTypes.CodeExtension] = failure.ProblemCode;
        return TypedResults.Problem(problem);
    }

    /// <summary>The success's typed result, or the failure's problem: the success type declares itself to the API document.</summary>
    public static Results<TSuccess, ProblemHttpResult> ToHttpResult<T, TSuccess>(this Result<T> result, Func<T, TSuccess> onSuccess)
        where TSuccess : IResult =>
        result.Succeeded ? onSuccess(result.Value) : result.Failure.ToProblem();

    public static async Task<Results<TSuccess, ProblemHttpResult>> ToHttpResultAsync<T, TSuccess>(this Result<T> result, Func<T, Task<TSuccess>> onSuccess)
        where TSuccess : IResult =>
        result.Succeeded ? await onSuccess(result.Value) : result.Failure.ToProblem();

    private static int StatusCode(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        FailureKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string Title(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => "The request is invalid.",
        FailureKind.NotFound => "Not found.",
        FailureKind.Conflict => "Conflict with the current state.",
        FailureKind.PreconditionFailed => "The resource has changed.",
        FailureKind.Unprocessable => "The request cannot be processed.",
        FailureKind.Forbidden => "Forbidden.",
        _ => "Error.",
    };
}
