namespace DataTricks.Domain.Webhooks;

/// <summary>
/// The pauses between attempts of one delivery: growing from seconds to 12 hours, about 3 days in all, each
/// jittered by up to a fifth either way so that a receiver coming back is not hit by every retry at the same instant.
/// </summary>
public static class WebhookRetrySchedule
{
    public static IReadOnlyList<TimeSpan> Pauses { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8),
        TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(12),
    ];

    /// <summary>How many attempts a delivery gets before it is given up.</summary>
    public static int MaxAttempts => Pauses.Count + 1;

    /// <summary>The jitter's bound, as a share of the pause.</summary>
    public const double Jitter = 0.2;

    /// <summary>The pause after the <paramref name="attempts"/>-th failed attempt, or null when that was the last.</summary>
    public static TimeSpan? DelayAfter(int attempts) => DelayAfter(attempts, Random.Shared.NextDouble());

    /// <param name="random">In [0, 1): where in the jitter band the pause falls.</param>
    public static TimeSpan? DelayAfter(int attempts, double random)
    {
        if (attempts < 1 || attempts > Pauses.Count)
            return null;
        var pause = Pauses[attempts - 1];
        return pause * (1 - Jitter + 2 * Jitter * random);
    }
}
