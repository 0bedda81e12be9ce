namespace DataTricks.Testing;

/// <summary>
/// Waits for something a background worker or another process does, failing with what was awaited (and, when given,
/// what was last seen) when it never happens. Shared by the portal tests and the end-to-end tests.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string awaited, TimeSpan? limit = null,
        TimeSpan? every = null, Func<string>? lastSeen = null)
    {
        var wait = limit ?? DefaultLimit;
        var deadline = DateTime.UtcNow + wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Waited {wait} for {awaited}; it never happened." + (lastSeen is null ? "" : $" Last seen: {lastSeen()}."));
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
    }
}
