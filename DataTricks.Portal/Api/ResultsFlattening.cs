using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.Api;

public static class ResultsFlattening
{
    /// <summary>
    /// An endpoint with two kinds of success (200 or 304, 200 or 202) as one flat union, so the API document lists each
    /// status once.
    /// </summary>
    public static Results<T1, T2, ProblemHttpResult> Flatten<T1, T2>(this Results<Results<T1, T2>, ProblemHttpResult> result)
        where T1 : IResult where T2 : IResult =>
        result.Result switch
        {
            Results<T1, T2> { Result: T1 first } => first,
            Results<T1, T2> { Result: T2 second } => second,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType()}."),
        };
}
