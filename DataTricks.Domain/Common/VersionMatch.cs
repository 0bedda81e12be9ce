namespace DataTricks.Domain.Common;

/// <summary>
/// A precondition on a resource's version (HTTP If-Match): any version when the caller set none, else one of the
/// versions the caller holds. An empty set matches nothing (a weak or foreign tag can never match strongly).
/// </summary>
public sealed record VersionMatch(IReadOnlySet<long>? Versions)
{
    public static readonly VersionMatch Any = new((IReadOnlySet<long>?)null);

    public bool IsAny => Versions is null;

    public bool Allows(long version) => Versions is null || Versions.Contains(version);

    public static Failure Stale(string what) =>
        new(FailureKind.PreconditionFailed, $"{what} changed since you read it; read it again and reapply your change.");
}
