namespace DataTricks.Portal.Tests.Support;

/// <summary>Waits for something a background worker does, failing with what was awaited when it never happens.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string awaited, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Waited {limit ?? TimeSpan.FromSeconds(10)} for {awaited}; it never happened.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
