using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Events;

/// <summary>
/// One change of a compute environment, written in the same transaction as the change (an outbox), numbered by the
/// database, carrying the environment's snapshot as that save left it. Every node tails the table and tells its own
/// open pages of the changes other nodes made.
/// </summary>
public sealed class EnvironmentChange : ITenantOwned
{
    public const int OriginMaxLength = 100;

    private EnvironmentChange() { }

    public long Sequence { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid EnvironmentId { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The node that wrote it, which has told its own pages already.</summary>
    public string Origin { get; private set; } = "";

    public EnvironmentSnapshot Snapshot { get; private set; } = null!;

    public static EnvironmentChange Of(EnvironmentSnapshot snapshot, string origin) => new()
    {
        CustomerId = snapshot.CustomerId,
        EnvironmentId = snapshot.Id,
        Version = snapshot.Version,
        At = snapshot.UpdatedAt,
        Origin = origin,
        Snapshot = snapshot,
    };
}
