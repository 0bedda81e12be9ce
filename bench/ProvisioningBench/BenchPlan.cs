namespace DataTricks.Bench;

/// <summary>
/// How much each part of the bench does. The full plan gives the figures bench/README.md quotes; the smoke plan runs
/// every part for a few seconds, so the test command proves the bench still builds and runs (its numbers mean little).
/// </summary>
internal sealed record BenchPlan(
    int Rate, int OpenSeconds, int IdleSeconds, int Clients, int WarmUpSeconds, int ClosedSeconds, int SqlCreates, int Users, int Repos, int ListRequests,
    int LiveEnvironments, int Groups, int ScimLookups, int ScimSync, int WebhookEvents, int WebhookLagEvents)
{
    /// <summary>The parts, in the order they run.</summary>
    public static readonly string[] AllParts = ["open", "closed", "lists", "postgres", "sql", "live", "webhooks"];

    public IReadOnlySet<string> Parts { get; init; } = AllParts.ToHashSet();

    public bool Runs(string part) => Parts.Contains(part);

    public static BenchPlan Smoke { get; } = new(Rate: 20, OpenSeconds: 2, IdleSeconds: 2, Clients: 4, WarmUpSeconds: 1, ClosedSeconds: 2, SqlCreates: 5,
        Users: 500, Repos: 50, ListRequests: 5, LiveEnvironments: 2, Groups: 20, ScimLookups: 10, ScimSync: 40, WebhookEvents: 200, WebhookLagEvents: 10);

    /// <summary>
    /// No argument: the full plan. <c>--smoke</c>: the smoke plan. Else: creates per second, seconds, closed-loop clients;
    /// and <c>--parts=closed,postgres</c> runs only the parts named.
    /// </summary>
    public static BenchPlan From(string[] args)
    {
        if (args is ["--smoke"])
            return Smoke;
        var parts = args.FirstOrDefault(a => a.StartsWith("--parts=", StringComparison.Ordinal))?["--parts=".Length..].Split(',').ToHashSet();
        if (parts?.Except(AllParts).FirstOrDefault() is { } unknown)
            throw new ArgumentException($"No part is called '{unknown}'; the parts are {string.Join(", ", AllParts)}.");
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).ToArray();
        var full = new BenchPlan(Rate: 250, OpenSeconds: 40, IdleSeconds: 30, Clients: 32, WarmUpSeconds: 10, ClosedSeconds: 20, SqlCreates: 100,
            Users: 50_000, Repos: 5_000, ListRequests: 40, LiveEnvironments: 20, Groups: 2_000, ScimLookups: 200, ScimSync: 10_000, WebhookEvents: 10_000, WebhookLagEvents: 200);
        return full with
        {
            Rate = numbers.Length > 0 ? numbers[0] : full.Rate,
            OpenSeconds = numbers.Length > 1 ? numbers[1] : full.OpenSeconds,
            Clients = numbers.Length > 2 ? numbers[2] : full.Clients,
            Parts = parts ?? full.Parts,
        };
    }
}
