using Bunit;
using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Portal.Components.Pages.AccessTokens;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

public sealed class CreateTokenDialogTests : ComponentTest
{
    [Fact]
    public async Task An_expiry_outside_1_to_365_days_is_refused_on_its_field_not_quietly_changed()
    {
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateTokenDialog>("New access token"));
        provider.WaitForElement("#token-name").Input("zero-days");

        provider.Find("#token-days").Input("0");
        provider.Find("#create-token").Click();

        provider.WaitForAssertion(() => Assert.Contains($"A token lasts 1 to {AccessTokenService.MaxLifetimeDays} days.", provider.Markup));
        Assert.False(await Services.GetRequiredService<DataTricksDbContext>().PersonalAccessTokens.AnyAsync(t => t.Name == "zero-days", Xunit.TestContext.Current.CancellationToken));
    }
}
