using System.Globalization;
using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Api;

/// <summary>When a client following an operation should look again.</summary>
public static class RetryAfter
{
    private const int MaxSeconds = 60;

    /// <summary>Right after work was accepted: the engine starts it at once, so the first step is visible soon.</summary>
    public const string FirstLook = "1";

    /// <summary>
    /// Until the engine next looks at the operation (when the cloud expects the current step's work done, or a retry is
    /// due), at least a second and at most a minute; null once it is done.
    /// </summary>
    public static string? For(OperationView operation, DateTimeOffset now)
    {
        if (operation.Done)
            return null;
        var seconds = operation.NextCheckAt is { } next ? Math.Ceiling((next - now).TotalSeconds) : 1;
        return Math.Clamp(seconds, 1, MaxSeconds).ToString(CultureInfo.InvariantCulture);
    }
}
