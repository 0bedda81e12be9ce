namespace DataTricks.Domain.Events;

/// <summary>This portal process among the nodes sharing the database: the origin of the status events it writes.</summary>
public static class NodeIdentity
{
    public static string Current { get; } = $"{Environment.MachineName[..Math.Min(Environment.MachineName.Length, 30)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
