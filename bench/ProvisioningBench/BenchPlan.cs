namespace DataTricks.Bench;

/// <summary>
/// How much each part of the bench does. The full plan gives the figures bench/README.md quotes; the smoke plan runs
/// every part for a few seconds, so the test command proves the bench still builds and runs (its numbers mean little).
/// </summary>
internal sealed record BenchPlan(
    int Rate, int OpenSeconds, int IdleSeconds, int Clients, int WarmUpSeconds, int ClosedSeconds, int Users, int Repos, int ListRequests, int LiveEnvironments,
    int Groups, int ScimLookups, int ScimSync, int WebhookEvents, int WebhookLagEvents)
{
    public static BenchPlan Smoke { get; } = new(Rate: 20, OpenSeconds: 2, IdleSeconds: 2, Clients: 4, WarmUpSeconds: 1, ClosedSeconds: 2,
        Users: 500, Repos: 50, ListRequests: 5, LiveEnvironments: 2, Groups: 20, ScimLookups: 10, ScimSync: 40, WebhookEvents: 200, WebhookLagEvents: 10);

    /// <summary>No argument: the full plan. <c>--smoke</c>: the smoke plan. Else: creates per second, seconds, closed-loop clients.</summary>
    public static BenchPlan From(string[] args)
    {
        if (args is ["--smoke"])
            return Smoke;
        var full = new BenchPlan(Rate: 250, OpenSeconds: 40, IdleSeconds: 30, Clients: 32, WarmUpSeconds: 10, ClosedSeconds: 20,
            Users: 50_000, Repos: 5_000, ListRequests: 40, LiveEnvironments: 20, Groups: 2_000, ScimLookups: 200, ScimSync: 10_000, WebhookEvents: 10_000, WebhookLagEvents: 200);
        return full with
        {
            Rate = args.Length > 0 ? int.Parse(args[0]) : full.Rate,
            OpenSeconds = args.Length > 1 ? int.Parse(args[1]) : full.OpenSeconds,
            Clients = args.Length > 2 ? int.Parse(args[2]) : full.Clients,
        };
    }
}
