using Bunit;
using DataTricks.Portal.Tests.Support;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Components.Pages.Environments;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

/// <summary>Deleting an environment asks for its name, typed: nothing less confirms it.</summary>
public sealed class DeleteEnvironmentDialogTests : MudComponentTest
{
    private static readonly DateTimeOffset Created = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static EnvironmentView View(ComputeEnvironmentStatus status) =>
        new(Guid.NewGuid(), "prod-analytics", CloudProvider.Aws, "us-east-1", "m5.xlarge", 1, 4, status, null, Created, Created, null, null, 0, 1);

    [Fact]
    public async Task Delete_stays_disabled_until_the_exact_name_is_typed_and_then_confirms()
    {
        var provider = Render<MudDialogProvider>();
        var confirmed = provider.InvokeAsync(() => DeleteEnvironmentDialog.ConfirmAsync(Services.GetRequiredService<IDialogService>(), View(ComputeEnvironmentStatus.Ready)));
        var confirm = () => provider.Find("#confirm-delete-environment");
        provider.WaitForAssertion(() => Assert.True(confirm().HasAttribute("disabled")));

        provider.Find("#delete-environment-confirmation").Input("prod-analytic");
        Assert.True(confirm().HasAttribute("disabled"));
        provider.Find("#delete-environment-confirmation").Input("Prod-Analytics");
        Assert.True(confirm().HasAttribute("disabled"));
        provider.Find("#delete-environment-confirmation").Input("prod-analytics");
        Assert.False(confirm().HasAttribute("disabled"));
        Assert.Equal("Delete", confirm().TextContent.Trim());
        confirm().Click();

        Assert.True(await confirmed);
    }

    [Fact]
    public async Task Keeping_it_answers_false_and_a_running_create_is_named_as_canceled_too()
    {
        var provider = Render<MudDialogProvider>();
        var confirmed = provider.InvokeAsync(() => DeleteEnvironmentDialog.ConfirmAsync(Services.GetRequiredService<IDialogService>(), View(ComputeEnvironmentStatus.Provisioning)));
        provider.WaitForAssertion(() => Assert.Equal("Cancel and delete", provider.Find("#confirm-delete-environment").TextContent.Trim()));

        provider.Find("#keep-environment").Click();

        Assert.False(await confirmed);
    }
}
