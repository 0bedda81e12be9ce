namespace DataTricks.Domain.Events;

/// <summary>
/// A change of what a user may do (role, active state, password, sessions, an impersonation ended), written in the
/// same transaction as the change (an outbox), numbered by the database. Every node tails it and has its open pages of
/// that user re-check their rights at once; the node that wrote it told its own pages in process. It carries only the
/// user's id, nothing of any customer's data.
/// </summary>
public sealed class AccessChange
{
    private AccessChange() { }

    public long Sequence { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The node that wrote it.</summary>
    public string Origin { get; private set; } = "";

    public static AccessChange Of(Guid userId, DateTimeOffset at) => new() { UserId = userId, At = at, Origin = NodeIdentity.Current };
}
