using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;

namespace DataTricks.Domain.Provisioning;

/// <summary>One advance of one operation: its unit of work, its rows, and the time it runs at.</summary>
public sealed class OperationContext(DataTricksDbContext db, Operation operation, ComputeEnvironment environment, DateTimeOffset now)
{
    public DataTricksDbContext Db => db;
    public Operation Operation => operation;
    public ComputeEnvironment Environment => environment;
    public DateTimeOffset Now => now;

    /// <summary>The environment's cluster as it is, or at the size <paramref name="minWorkers"/>-<paramref name="maxWorkers"/>.</summary>
    public CloudSpec Spec(int? minWorkers = null, int? maxWorkers = null) =>
        new(environment.Cloud, environment.Region, environment.NodeType, minWorkers ?? environment.MinWorkers, maxWorkers ?? environment.MaxWorkers);

    /// <summary>A key that is the same whenever this operation repeats <paramref name="step"/>, and differs from other operations'.</summary>
    public string OperationKey(ProvisioningStep step) => $"{environment.Id:N}/{operation.Id:N}/{step}";
}
