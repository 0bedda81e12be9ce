namespace DataTricks.Domain.Common;

public enum FailureKind
{
    /// <summary>Bad input; nothing was changed.</summary>
    Invalid,

    /// <summary>Unknown, or another customer's: the two are indistinguishable on purpose.</summary>
    NotFound,

    /// <summary>The request clashes with the current state (a taken name, a bound repo, a wrong status).</summary>
    Conflict,

    /// <summary>The caller's copy is stale (If-Match).</summary>
    PreconditionFailed,

    /// <summary>Same idempotency key, different request.</summary>
    Unprocessable,

    /// <summary>The caller may see the resource but not do this to it (a member writing, staff minting credentials).</summary>
    Forbidden,
}

/// <summary>An expected way for a service call to not succeed, which the API and the pages both present.</summary>
public sealed record Failure(
    FailureKind Kind,
    string Detail,
    IReadOnlyDictionary<string, string[]>? FieldErrors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null,
    string? Code = null)
{
    /// <summary>The stable code of <see cref="ProblemCodes"/>: the one given, or the general one of the kind.</summary>
    public string ProblemCode => Code ?? Kind switch
    {
        FailureKind.Invalid => ProblemCodes.ValidationFailed,
        FailureKind.NotFound => ProblemCodes.NotFound,
        FailureKind.PreconditionFailed => ProblemCodes.PreconditionFailed,
        FailureKind.Unprocessable => ProblemCodes.IdempotencyKeyReused,
        FailureKind.Forbidden => ProblemCodes.Forbidden,
        _ => ProblemCodes.InvalidState,
    };

    public static Failure NotFound(string what) => new(FailureKind.NotFound, $"{what} was not found.");

    public static Failure Forbidden(string detail, string code = ProblemCodes.Forbidden) => new(FailureKind.Forbidden, detail, Code: code);

    public static Failure Conflict(string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(FailureKind.Conflict, detail, Extensions: extensions, Code: code);

    public static Failure Invalid(string field, string message) =>
        new(FailureKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Failure Invalid(IReadOnlyDictionary<string, string[]> fieldErrors) =>
        new(FailureKind.Invalid, string.Join(" ", fieldErrors.Values.SelectMany(v => v)), fieldErrors);
}
