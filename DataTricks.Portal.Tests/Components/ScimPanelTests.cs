using System.Text.Json.Nodes;
using Bunit;
using DataTricks.Domain.Scim;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Portal.Components.Pages.Settings;
using DataTricks.Portal.Components.Pages.Users;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

/// <summary>Directory provisioning in the portal: tokens made and revoked in Settings, and people the directory keeps.</summary>
public sealed class ScimPanelTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_is_created_shown_once_listed_by_name_and_revoked()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<ScimPanel>();
        Assert.EndsWith("/scim/v2", panel.Find("#scim-base-url").TextContent);

        panel.Find("#scim-token-name").Change("Okta provisioning");
        await panel.InvokeAsync(() => panel.Find("#create-scim-token").Click());

        dialogs.WaitForAssertion(() => Assert.StartsWith("dts_", dialogs.Find("#scim-token-secret").TextContent));
        var secret = dialogs.Find("#scim-token-secret").TextContent;
        Assert.NotNull(await AuthenticateAsync(secret));
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("tr[data-scim-token='Okta provisioning']")));

        _ = panel.InvokeAsync(() => panel.Find("button[data-revoke='Okta provisioning']").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke"));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke").Click());

        panel.WaitForAssertion(() => Assert.Contains("Revoked", panel.Find("tr[data-scim-token='Okta provisioning']").TextContent));
        Assert.Null(await AuthenticateAsync(secret));
    }

    /// <summary>As a request presenting the token would: in a scope, and a database context, of its own.</summary>
    private async Task<DirectoryCaller?> AuthenticateAsync(string secret)
    {
        await using var request = Services.CreateAsyncScope();
        return await request.ServiceProvider.GetRequiredService<ScimTokenService>().AuthenticateAsync(secret, Ct);
    }

    [Fact]
    public async Task A_person_the_directory_keeps_has_their_name_locked_until_detached()
    {
        var tenant = Services.GetRequiredService<TenantContext>();
        JsonObject provisioned;
        using (tenant.Use(TenantScope.ForDirectory(CustomerId, "Okta")))
            provisioned = await Services.GetRequiredService<ScimUserService>().CreateAsync(
                JsonNode.Parse("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"kept@test.test","displayName":"Kept Person"}"""), Ct);
        var user = (await Services.GetRequiredService<UserService>().GetAsync(Guid.Parse(provisioned["id"]!.GetValue<string>()), Ct)).Value!;
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        _ = provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>()
            .ShowAsync<EditUserDialog>("Edit", new DialogParameters<EditUserDialog> { { d => d.User, user } }));
        provider.WaitForElement("#edit-user-name");

        Assert.True(provider.Find("#edit-user-name").HasAttribute("disabled"));
        Assert.Contains("Kept by your company's directory", provider.Markup);

        await provider.InvokeAsync(() => provider.Find("#detach-user").Click());

        provider.WaitForAssertion(() => Assert.False(provider.Find("#edit-user-name").HasAttribute("disabled")));
        Assert.False((await Services.GetRequiredService<UserService>().GetAsync(user.Id, Ct)).Value!.DirectoryManaged);
    }
}
