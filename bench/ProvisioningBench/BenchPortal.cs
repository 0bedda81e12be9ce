using System.Diagnostics;
using DataTricks.E2E.Support;

namespace DataTricks.Bench;

/// <summary>What the benchmark reads off a running portal process: threads, CPU time, memory, and its operations.</summary>
internal static class BenchPortal
{
    /// <summary>Asks /healthz until it answers 200; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitUntilHealthyAsync(PortalProcess portal)
    {
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        var waited = Stopwatch.StartNew();
        while (!(await http.GetAsync("/healthz")).IsSuccessStatusCode)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
                throw new InvalidOperationException("The portal's /healthz did not answer 200 within 2 minutes.");
            await Task.Delay(10);
        }
        return waited.Elapsed;
    }

    public static int Threads(PortalProcess portal) => StatusField(portal, "Threads:");

    /// <summary>Peak resident memory, MB.</summary>
    public static double PeakRssMb(PortalProcess portal) => StatusField(portal, "VmHWM:") / 1024.0;

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(PortalProcess portal)
    {
        // Fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s; the command name (field 2) may hold spaces.
        var stat = File.ReadAllText($"/proc/{portal.ProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0);
    }

    public static Dictionary<string, long> OperationsByStatus(PortalFiles files)
    {
        using var connection = files.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Status\", COUNT(*) FROM \"Operations\" GROUP BY \"Status\"";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>
    /// What the portal still has to do for work already asked of it: operations not yet begun and events not yet
    /// dispatched. CPU "idle" while these are not zero is catching up, not waiting.
    /// </summary>
    public static (long OperationsNotStarted, long EventsUndispatched) Backlog(PortalFiles files)
    {
        using var connection = files.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT (SELECT COUNT(*) FROM "Operations" WHERE "Status" = 'NotStarted'),
                   (SELECT COUNT(*) FROM "CustomerEvents" WHERE "DispatchedAt" IS NULL)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static int StatusField(PortalProcess portal, string name) => File.ReadLines($"/proc/{portal.ProcessId}/status")
        .Where(l => l.StartsWith(name, StringComparison.Ordinal))
        .Select(l => int.Parse(l[name.Length..].Trim().Split(' ')[0])).Single();
}
