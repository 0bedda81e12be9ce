namespace DataTricks.Portal.Components.Shared;

public static class Durations
{
    /// <summary>"45s", "3m 05s", "1h 02m": as precise as a person needs.</summary>
    public static string Format(TimeSpan took) =>
        took.TotalHours >= 1 ? $"{(int)took.TotalHours}h {took.Minutes:00}m"
        : took.TotalMinutes >= 1 ? $"{(int)took.TotalMinutes}m {took.Seconds:00}s"
        : $"{Math.Max(0, (int)took.TotalSeconds)}s";
}
