using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Security;

namespace DataTricks.Portal.Api;

/// <summary>
/// The 409 of a refused delete or cancel: the environment's state does not allow it (<c>invalid-state</c>), or repos
/// still use it (<c>environment-in-use</c>, and then <c>repos</c> lists them).
/// </summary>
public sealed record EnvironmentConflictProblem(
    string Type, string Title, int Status, string Detail, string Code, string TraceId, IReadOnlyList<BoundRepo>? Repos = null);

/// <summary>The 409 of a sign-in whose e-mail and password open accounts in several customers: which ones, to name one.</summary>
public sealed record CustomerRequiredProblem(
    string Type, string Title, int Status, string Detail, string Code, string TraceId, IReadOnlyList<CustomerChoice> Customers);

public static class ProblemResponses
{
    /// <summary>Declares the problem answers an endpoint can give: 400 with its field errors, any other as problem details.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes)
        {
            if (status == StatusCodes.Status400BadRequest)
                builder.ProducesValidationProblem();
            else
                builder.ProducesProblem(status);
        }
        return builder;
    }
}
