using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Events;

/// <summary>
/// One change of a compute environment, written in the same transaction as the change (an outbox), numbered by the
/// database. Every node tails the table and tells its own open pages of the changes other nodes made.
/// </summary>
public sealed class StatusEvent : ITenantOwned
{
    public const int OriginMaxLength = 100;

    private StatusEvent() { }

    public long Sequence { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid EnvironmentId { get; private set; }
    public string Name { get; private set; } = "";
    public int MinWorkers { get; private set; }
    public int MaxWorkers { get; private set; }
    public ComputeEnvironmentStatus Status { get; private set; }
    public string? StatusMessage { get; private set; }
    public Guid? OperationId { get; private set; }
    public ProvisioningStep? Step { get; private set; }
    public int Attempt { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The environment's version after the change: orders changes of one environment whatever the nodes' clocks say.</summary>
    public long Version { get; private set; }

    /// <summary>The node that wrote it, which has told its own pages already.</summary>
    public string Origin { get; private set; } = "";

    /// <summary>The row of a change: the same shape the in-process notifier carries, plus the node that wrote it.</summary>
    public static StatusEvent Of(EnvironmentStatusChanged change, string origin) => new()
    {
        CustomerId = change.CustomerId,
        EnvironmentId = change.EnvironmentId,
        Name = change.Name,
        MinWorkers = change.MinWorkers,
        MaxWorkers = change.MaxWorkers,
        Status = change.Status,
        StatusMessage = change.StatusMessage,
        OperationId = change.OperationId,
        Step = change.Step,
        Attempt = change.Attempt,
        At = change.At,
        Version = change.Version,
        Origin = origin,
    };

    public EnvironmentStatusChanged ToChange() =>
        new(CustomerId, EnvironmentId, Name, MinWorkers, MaxWorkers, Status, StatusMessage, OperationId, Step, Attempt, At, Version);
}
