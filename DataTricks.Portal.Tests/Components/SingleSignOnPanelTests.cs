using Bunit;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Portal.Components.Pages.Settings;
using DataTricks.Portal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

/// <summary>Settings → Single sign-on: what an admin sees before and after setting it up, and refusals under their fields.</summary>
public sealed class SingleSignOnPanelTests : ComponentTest
{
    private IRenderedComponent<SingleSignOnPanel> RenderPanel()
    {
        Render<MudPopoverProvider>();
        var panel = Render<SingleSignOnPanel>();
        panel.WaitForElement("#sso-issuer");
        return panel;
    }

    [Fact]
    public async Task An_admin_sees_the_redirect_uri_sets_it_up_and_the_secret_is_not_shown_again()
    {
        var snackbar = Render<MudSnackbarProvider>();
        var panel = RenderPanel();
        Assert.Contains($"/signin-oidc/{CustomerId}", panel.Find("#sso-redirect-uri").TextContent);
        Assert.Contains("Not set up", panel.Markup);

        panel.Find("#sso-issuer").Change("https://login.acme.test");
        panel.Find("#sso-client-id").Change("portal");
        panel.Find("#sso-client-secret").Change("s3cret-value");
        panel.Find("#sso-domains").Change("acme.test, EU.acme.test");
        panel.Find("#sso-save").Click();

        snackbar.WaitForAssertion(() => Assert.Contains("Single sign-on saved.", snackbar.Markup));
        var saved = (await Services.GetRequiredService<SsoConnectionService>().GetAsync(Xunit.TestContext.Current.CancellationToken)).Value!;
        Assert.Equal(["acme.test", "eu.acme.test"], saved.Domains);
        Assert.True(saved.HasClientSecret);
        panel.WaitForAssertion(() => Assert.Contains("Stored and never shown again", panel.Markup));
        Assert.DoesNotContain("s3cret-value", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_are_shown_under_their_fields_and_nothing_is_saved()
    {
        var panel = RenderPanel();

        panel.Find("#sso-issuer").Change("http://login.acme.test");
        panel.Find("#sso-domains").Change("gmail.com");
        panel.Find("#sso-save").Click();

        panel.WaitForAssertion(() => Assert.Contains("absolute https URL", panel.Markup));
        Assert.Contains("public mail domain", panel.Markup);
        Assert.Contains("Enter the client secret", panel.Markup);
        Assert.Contains("Not set up", panel.Markup);
    }

    [Fact]
    public void Without_the_right_to_change_it_there_is_no_save()
    {
        ActAsMember();

        var panel = Render<SingleSignOnPanel>();

        Assert.Empty(panel.FindAll("#sso-save"));
    }
}
