using Bunit;
using DataTricks.Portal.Components.Pages.Environments;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

/// <summary>A form dialog asks before Esc or Cancel throws typed input away, and closes at once when there is none.</summary>
public sealed class DiscardGuardTests : ComponentTest
{
    private IRenderedComponent<MudDialogProvider> Open(out Task<IDialogReference> shown)
    {
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        shown = provider.InvokeAsync(() => dialogs.ShowAsync<CreateEnvironmentDialog>("New compute environment"));
        provider.WaitForElement("#environment-name");
        return provider;
    }

    [Fact]
    public async Task Esc_on_an_untouched_form_closes_it()
    {
        var provider = Open(out var shown);

        provider.Find(".dt-discard-guard").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        var result = await (await shown).Result;
        Assert.True(result!.Canceled);
    }

    [Fact]
    public void Esc_on_a_typed_form_asks_and_keeps_it_when_told_to()
    {
        var provider = Open(out _);
        provider.Find("#environment-name").Input("half-typed");

        provider.Find(".dt-discard-guard").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        provider.WaitForAssertion(() => Assert.Contains("Discard changes?", provider.Markup));
        provider.FindAll("button").Single(b => b.TextContent.Contains("Keep editing")).Click();
        provider.WaitForAssertion(() => Assert.DoesNotContain("Discard changes?", provider.Markup));
        Assert.Equal("half-typed", provider.Find("#environment-name").GetAttribute("value"));
    }
}
