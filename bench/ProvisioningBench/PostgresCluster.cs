using System.Diagnostics;
using DataTricks.E2E.Support;

namespace DataTricks.Bench;

/// <summary>
/// A PostgreSQL cluster of the bench's own, started the way the tests start theirs (<c>scripts/postgres.sh</c>, Debian's
/// packages, 127.0.0.1), so the CPU its processes use can be read off and set against the creates the portal served.
/// </summary>
internal sealed class PostgresCluster : IDisposable
{
    private readonly string _directory;

    private PostgresCluster(string directory, string connectionString)
    {
        _directory = directory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static PostgresCluster Start()
    {
        // The script makes the folder, owned by the postgres user, who must be able to reach it: in /tmp itself, not
        // under a TMPDIR of the caller's that only the caller may enter (as ./test.sh gives its stages).
        var directory = Path.Combine("/tmp", $"datatricks-bench-pg-{Guid.NewGuid():N}");
        var connectionString = Script("start", directory, LoopbackPort.Free().ToString()).Trim();
        return new PostgresCluster(directory, connectionString);
    }

    /// <summary>
    /// User plus system CPU time of the server and its backends so far, with the backends that have exited (counted in
    /// the server's children's time). Pooled connections keep their backends, so little is lost between two reads.
    /// </summary>
    public TimeSpan CpuTime()
    {
        var data = Path.Combine(_directory, "data");
        var server = Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d))
            .Where(pid => pid.All(char.IsAsciiDigit))
            .FirstOrDefault(pid => ReadOrEmpty($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains($"-D {data}", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No PostgreSQL server runs on {data}.");
        var ticks = Stat(server) is { } own ? own.Self + own.Children : 0;
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d)).Where(p => p.All(char.IsAsciiDigit)))
            if (Stat(pid) is { } child && child.Parent == server)
                ticks += child.Self;
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public void Dispose() => Script("stop", _directory);

    // Fields of /proc/<pid>/stat after the command name: ppid is the 2nd, utime and stime the 12th and 13th, cutime and cstime the 14th and 15th.
    private static (string Parent, long Self, long Children)? Stat(string pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        if (stat.Length == 0)
            return null;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[1], long.Parse(fields[11]) + long.Parse(fields[12]), long.Parse(fields[13]) + long.Parse(fields[14]));
    }

    // A process may end between listing /proc and reading its files.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Script(params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(SolutionDirectory.Path, "scripts", "postgres.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("scripts/postgres.sh did not start.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"scripts/postgres.sh {string.Join(' ', arguments)} failed: {error}");
    }
}
