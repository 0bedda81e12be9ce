using Bunit;
using DataTricks.Domain.Common;
using DataTricks.Portal.Components.Shared;
using Microsoft.AspNetCore.Components.Rendering;

namespace DataTricks.Portal.Tests.Components;

/// <summary>A table page whose first load is still running when a change the page made reloads it.</summary>
public sealed class UrlTablePageTests : BunitContext
{
    [Fact]
    public void The_rows_of_a_reload_stay_when_the_load_started_before_it_finishes_after_it()
    {
        var page = Render<HeldLoadsPage>();
        var first = page.Instance.Loads[0];

        page.InvokeAsync(page.Instance.ReloadAfterChangeAsync);
        page.Instance.Loads[1].SetResult(Page("with the new row"));
        page.WaitForAssertion(() => Assert.Equal("with the new row", page.Markup));
        first.SetResult(Page("before the change"));

        page.WaitForAssertion(() => Assert.Equal("with the new row", page.Markup));
        Assert.Equal(2, page.Instance.Loads.Count);
    }

    private static OffsetPage<string> Page(string row) => new([row], 1, 0);

    /// <summary>Each load waits until the test answers it.</summary>
    private sealed class HeldLoadsPage : UrlTablePage<string>
    {
        public List<TaskCompletionSource<OffsetPage<string>>> Loads { get; } = [];

        protected override IReadOnlyCollection<string> SortColumns => ["name"];

        protected override Task<OffsetPage<string>> LoadAsync(ListQuery query)
        {
            var load = new TaskCompletionSource<OffsetPage<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
            Loads.Add(load);
            return load.Task;
        }

        public Task ReloadAfterChangeAsync() => ReloadAsync();

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Rows?.Items.Single());
    }
}
