using Bunit;
using DataTricks.Domain.Events;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Webhooks;
using DataTricks.Portal.Components.Layout;
using DataTricks.Portal.Components.Pages.Webhooks;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DataTricks.Portal.Tests.Components;

/// <summary>Settings → Webhooks: endpoints added with their secret shown once, their health, the delivery log and its search, and the notice of a disabled one.</summary>
public sealed class WebhookPagesTests : ComponentTest
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    // An address literal on the internet: the address check passes without a resolver, and nothing is ever sent to it here.
    private const string Url = "https://93.184.215.14/hooks";

    private async Task<WebhookEndpointView> SeedAsync(params string[] types)
    {
        var created = await Services.GetRequiredService<WebhookEndpointService>().CreateAsync(new CreateWebhookEndpointRequest(Url, "Ops bot", types), Ct);
        Assert.True(created.Succeeded, created.Failure?.Detail);
        return created.Value.Endpoint;
    }

    [Fact]
    public async Task An_endpoint_is_added_from_the_dialog_and_its_secret_shown_once()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<WebhooksPage>();
        page.WaitForElement("#no-webhooks");

        await page.InvokeAsync(() => page.Find("#add-webhook").Click());
        dialogs.WaitForElement("#webhook-url").Input(Url);
        dialogs.Find("input[data-type='environment.updated']").Change(true);
        dialogs.Find("input[data-type='operation.failed']").Change(true);
        _ = dialogs.InvokeAsync(() => dialogs.Find("#save-webhook").Click());

        dialogs.WaitForAssertion(() => Assert.StartsWith("whsec_", dialogs.Find("#webhook-secret").TextContent));
        page.WaitForAssertion(() => Assert.Single(page.FindAll($"tr[data-webhook='{Url}']")));
        var row = page.Find($"tr[data-webhook='{Url}']");
        Assert.Contains("2 event types", row.TextContent);
        Assert.Equal("unused", row.QuerySelector("[data-health]")!.GetAttribute("data-health"));
        var stored = (await Services.GetRequiredService<WebhookEndpointService>().ListAsync(Ct)).Value!.Single();
        Assert.Equal(["environment.updated", "operation.failed"], stored.EventTypes);
    }

    [Fact]
    public async Task A_refused_endpoint_shows_why_under_its_fields()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<WebhooksPage>();
        page.WaitForElement("#no-webhooks");

        await page.InvokeAsync(() => page.Find("#add-webhook").Click());
        dialogs.WaitForElement("#webhook-url").Input("http://hooks.example.com/x");
        await dialogs.InvokeAsync(() => dialogs.Find("#save-webhook").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("must use https", dialogs.Markup));
        Assert.Contains("Choose at least one event type.", dialogs.Find("#webhook-types-error").TextContent);
        Assert.Empty((await Services.GetRequiredService<WebhookEndpointService>().ListAsync(Ct)).Value!);
    }

    [Fact]
    public async Task The_delivery_log_lists_deliveries_newest_first_and_searches_through_the_url()
    {
        var endpoint = await SeedAsync("user.created");
        var webhooks = Services.GetRequiredService<WebhookEndpointService>();
        var sequencer = Services.GetRequiredService<EventSequencer>();
        var first = (await webhooks.SendTestAsync(endpoint.Id, Ct)).Value;
        Assert.Equal(1, await sequencer.DispatchAsync(Ct));
        var second = (await webhooks.SendTestAsync(endpoint.Id, Ct)).Value;
        Assert.Equal(1, await sequencer.DispatchAsync(Ct));
        Render<MudPopoverProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();

        var page = Render<WebhookDetail>(p => p.Add(d => d.Id, endpoint.Id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-delivery]").Count));
        Assert.Equal([second.ToString(), first.ToString()], page.FindAll("tr[data-delivery] td[data-label='Event'] .mud-typography").Select(e => e.TextContent));
        Assert.All(page.FindAll("tr[data-delivery]"), row => Assert.Contains("not attempted yet", row.TextContent));
        Assert.Equal(2, page.FindAll("button[data-redeliver]").Count);

        navigation.NavigateTo($"settings/webhooks/{endpoint.Id}?q=user.");
        page.WaitForElement("#no-deliveries");
        navigation.NavigateTo($"settings/webhooks/{endpoint.Id}?q={first}");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-delivery]")));
    }

    [Fact]
    public async Task A_delivery_being_attempted_is_left_to_finish_when_redelivered()
    {
        var endpoint = await SeedAsync("user.created");
        var webhooks = Services.GetRequiredService<WebhookEndpointService>();
        await webhooks.SendTestAsync(endpoint.Id, Ct);
        await Services.GetRequiredService<EventSequencer>().DispatchAsync(Ct);
        var deliveryId = (await webhooks.DeliveriesAsync(endpoint.Id, new WebhookDeliveryFilter(null, null), null, null, Ct)).Value!.Items.Single().Id;
        var leases = Services.GetRequiredService<WebhookDeliveryLeases>();
        Assert.Equal([deliveryId], await leases.ClaimAsync(endpoint.Id, "node-a", 1, Ct));

        await RedeliverAsync(endpoint.Id, deliveryId);
        Assert.Equal(0, await RedeliveriesAsync());

        await leases.ReleaseAsync(deliveryId, "node-a", Ct);
        await RedeliverAsync(endpoint.Id, deliveryId);
        Assert.Equal(1, await RedeliveriesAsync());
    }

    /// <summary>As a request would: in a scope, and a database context, of its own.</summary>
    private async Task RedeliverAsync(Guid endpointId, Guid deliveryId)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.ForAdmin(CustomerId));
        Assert.True((await scope.ServiceProvider.GetRequiredService<WebhookEndpointService>().RedeliverAsync(endpointId, deliveryId, Ct)).Succeeded);
    }

    private async Task<int> RedeliveriesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.ForAdmin(CustomerId));
        return await scope.ServiceProvider.GetRequiredService<DataTricksDbContext>().AuditEvents.CountAsync(e => e.Action == "webhook.redeliver", Ct);
    }

    [Fact]
    public async Task A_member_sees_no_button_that_changes_or_sends()
    {
        var endpoint = await SeedAsync("user.created");
        ActAsMember();
        Render<MudPopoverProvider>();

        var page = Render<WebhooksPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr[data-webhook]")));
        Assert.Empty(page.FindAll("#add-webhook"));
        Assert.Empty(page.FindAll("[data-test-webhook], [data-webhook-menu]"));
        Assert.NotEqual(Guid.Empty, endpoint.Id);
    }

    [Fact]
    public async Task Admins_are_told_of_an_endpoint_that_datatricks_disabled_but_not_of_one_they_disabled()
    {
        var gone = await SeedAsync("user.created");
        var paused = (await Services.GetRequiredService<WebhookEndpointService>().CreateAsync(
            new CreateWebhookEndpointRequest("https://93.184.215.15/hooks", null, ["user.created"]), Ct)).Value!.Endpoint;
        await Services.GetRequiredService<WebhookEndpointService>().UpdateAsync(paused.Id, new UpdateWebhookEndpointRequest(null, null, null, false), Ct);
        await using (var scope = Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(TenantScope.ForAdmin(CustomerId));
            var db = scope.ServiceProvider.GetRequiredService<DataTricksDbContext>();
            (await db.WebhookEndpoints.SingleAsync(w => w.Id == gone.Id, Ct)).Disable("The endpoint answered 410 Gone.", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Ct);
        }

        var notice = Render<WebhookNotice>();

        notice.WaitForAssertion(() => Assert.Single(notice.FindAll("[data-webhook-notice]")));
        Assert.Contains("410 Gone", notice.Find($"[data-webhook-notice='{Url}']").TextContent);
    }
}
