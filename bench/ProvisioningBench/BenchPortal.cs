using DataTricks.E2E.Support;

namespace DataTricks.Bench;

/// <summary>What the benchmark reads off a running portal: its threads, and the operations it has in flight.</summary>
internal static class BenchPortal
{
    public static int Threads(PortalProcess portal) => File.ReadLines($"/proc/{portal.ProcessId}/status")
        .Where(l => l.StartsWith("Threads:", StringComparison.Ordinal)).Select(l => int.Parse(l["Threads:".Length..].Trim())).Single();

    public static long RunningOperations(PortalFiles files)
    {
        using var connection = files.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Operations WHERE Status = 'Running'";
        return (long)command.ExecuteScalar()!;
    }
}
