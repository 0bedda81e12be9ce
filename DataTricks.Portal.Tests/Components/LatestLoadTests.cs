using DataTricks.Portal.Components.Shared;

namespace DataTricks.Portal.Tests.Components;

/// <summary>What a live page shows when its loads overlap: the latest started, whichever finishes last.</summary>
public sealed class LatestLoadTests
{
    [Fact]
    public async Task A_load_that_finishes_after_a_later_one_is_dropped_and_says_so()
    {
        var load = new LatestLoad<string>();
        var earlierRead = new TaskCompletionSource<string>();
        var earlier = load.LoadAsync(() => earlierRead.Task);

        Assert.True(await load.LoadAsync(() => Task.FromResult("later")));
        earlierRead.SetResult("earlier");

        Assert.False(await earlier);
        Assert.Equal("later", load.Value);
    }

    [Fact]
    public async Task Loads_that_finish_in_the_order_they_started_are_each_shown()
    {
        var load = new LatestLoad<string>();

        Assert.True(await load.LoadAsync(() => Task.FromResult("first")));
        Assert.Equal("first", load.Value);
        Assert.True(await load.LoadAsync(() => Task.FromResult("second")));
        Assert.Equal("second", load.Value);
    }
}
