using DataTricks.Domain.Common;

namespace DataTricks.Domain.ComputeEnvironments;

public sealed class InvalidStatusTransitionException(ComputeEnvironmentStatus from, ComputeEnvironmentStatus to)
    : DomainException($"A compute environment cannot go from {from} to {to}.")
{
    public ComputeEnvironmentStatus From { get; } = from;
    public ComputeEnvironmentStatus To { get; } = to;
}
