using Bunit;
using DataTricks.Domain.Users;
using DataTricks.Portal.Components.Pages.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

/// <summary>A change that takes rights away says what it does and waits for a second Save.</summary>
public sealed class EditUserDialogTests : ComponentTest
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, UserView Admin)> OpenAsync()
    {
        var users = Services.GetRequiredService<UserService>();
        // Another active admin, so that taking this one's rights away is allowed.
        await users.CreateAsync(new CreateUserRequest("first-admin@test.test", "First Admin", Roles.Admin, null));
        var second = (await users.CreateAsync(new CreateUserRequest("second-admin@test.test", "Second Admin", Roles.Admin, null))).Value!.User;
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>()
            .ShowAsync<EditUserDialog>("Edit", new DialogParameters<EditUserDialog> { { d => d.User, second } }));
        provider.WaitForElement("#edit-user-active");
        return (provider, second);
    }

    private async Task<UserView> ReadAsync(Guid id) => (await Services.GetRequiredService<UserService>().GetAsync(id)).Value!;

    [Fact]
    public async Task Deactivating_asks_first_and_saves_only_on_the_second_save()
    {
        var (provider, admin) = await OpenAsync();
        provider.Find("#edit-user-active").Change(false);

        provider.Find("#update-user").Click();

        provider.WaitForAssertion(() => Assert.Contains("signed out everywhere", provider.Find("#confirm-user-change").TextContent));
        Assert.True((await ReadAsync(admin.Id)).IsActive);

        provider.Find("#update-user").Click();

        await provider.WaitForAssertionAsync(async () => Assert.False((await ReadAsync(admin.Id)).IsActive, provider.Markup));
    }

    [Fact]
    public async Task A_rename_is_saved_at_once()
    {
        var (provider, admin) = await OpenAsync();
        provider.Find("#edit-user-name").Input("Renamed Admin");

        provider.Find("#update-user").Click();

        await provider.WaitForAssertionAsync(async () => Assert.Equal("Renamed Admin", (await ReadAsync(admin.Id)).DisplayName));
        Assert.Empty(provider.FindAll("#confirm-user-change"));
    }
}
