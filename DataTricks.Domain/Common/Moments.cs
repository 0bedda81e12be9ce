namespace DataTricks.Domain.Common;

/// <summary>
/// The earlier of two times, the shorter or longer of two spans: deadlines that clip a wait, caps on a delay. Written
/// as a pick from the pair rather than a comparison, so which side wins a tie cannot matter.
/// </summary>
public static class Moments
{
    public static DateTimeOffset Earliest(DateTimeOffset first, DateTimeOffset second) => new[] { first, second }.Min();

    public static TimeSpan Shortest(TimeSpan first, TimeSpan second) => new[] { first, second }.Min();

    public static TimeSpan Longest(TimeSpan first, TimeSpan second) => new[] { first, second }.Max();
}
