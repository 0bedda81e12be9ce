using DataTricks.Domain.Common;

namespace DataTricks.Portal.Api;

/// <summary>Presents a service <see cref="Failure"/> as RFC 9457 problem details.</summary>
public static class FailureResults
{
    public static IResult ToProblem(this Failure failure) => failure.Kind switch
    {
        FailureKind.Invalid when failure.FieldErrors is not null =>
            TypedResults.ValidationProblem(failure.FieldErrors.ToDictionary(e => e.Key, e => e.Value), failure.Detail, title: "The request is invalid."),
        _ => TypedResults.Problem(failure.Detail, statusCode: StatusCode(failure.Kind), title: Title(failure.Kind), extensions: failure.Extensions),
    };

    public static IResult ToHttpResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.Succeeded ? onSuccess(result.Value) : result.Failure.ToProblem();

    public static async Task<IResult> ToHttpResultAsync<T>(this Result<T> result, Func<T, Task<IResult>> onSuccess) =>
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
