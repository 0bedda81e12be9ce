using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using DataTricks.Testing;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

public sealed class WebhooksTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_admin_adds_an_endpoint_sends_a_test_and_watches_its_delivery_arrive_in_the_log()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url($"/hooks/{Guid.NewGuid():N}");
        await Page.GotoAsync("/settings/webhooks");
        await new LoginPage(Page).SignInAsync("admin@acme.test");
        await new PortalPage(Page).WaitForCircuitAsync();
        var webhooks = new WebhooksPage(Page);

        await webhooks.AddAsync(url, "environment.updated", "operation.failed");
        await Expect(webhooks.Secret).ToContainTextAsync("whsec_");
        var secret = (await webhooks.Secret.TextContentAsync())!.Trim();
        await webhooks.CloseSecretAsync();
        await Expect(webhooks.Table).ToContainTextAsync(url);
        await webhooks.OpenEndpointAsync(url);
        await Expect(Page.Locator("#no-deliveries")).ToBeVisibleAsync();

        await webhooks.SendTestAsync(url);

        // Delivered and shown without a reload.
        await Expect(webhooks.Delivery("webhook.test")).ToContainTextAsync("Delivered");
        await Expect(webhooks.Delivery("webhook.test")).ToContainTextAsync("204");
        var received = (await receiver.WaitForAsync(1)).Single();
        Assert.True(WebhookReceiver.IsSignedWith(received, secret));
        Assert.Equal([null], await WebhookReceiver.ReferenceVerdictsAsync([(received, secret)]));
        var violations = await Axe.SeriousViolationsAsync(Page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        // The secret is in no log line of the portal and in no row: the endpoint keeps it sealed, the audit never had it.
        var key = secret["whsec_".Length..];
        Assert.DoesNotContain(key, Portal.Output);
        await using var connection = Files.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "ProtectedSecret" FROM "WebhookEndpoints" UNION ALL SELECT COALESCE("Details", '') FROM "AuditEvents" """;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows++;
            Assert.DoesNotContain(key, reader.GetString(0));
        }
        Assert.True(rows > 1);
    }
}
