using DataTricks.Domain.Cloud;
using DataTricks.Domain.Infrastructure.CloudSimulator;
using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using Microsoft.Extensions.Options;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

public sealed class EnvironmentTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_new_customers_card_goes_pending_provisioning_ready_without_a_reload()
    {
        await new SignupPage(Page).SignUpAndWaitAsync("Pied Piper", "richard@piedpiper.test", "Str0ng-Password!");
        await new LoginPage(Page).SignInAsync("richard@piedpiper.test", "Str0ng-Password!");
        var environments = new EnvironmentsPage(Page);
        await environments.OpenAsync();
        await Page.EvaluateAsync("() => window.sameDocument = true");
        // Every status the card shows, in order, as the browser renders it.
        await Page.EvaluateAsync(
            """
            () => {
                window.seen = [];
                const record = () => {
                    const card = document.querySelector("[data-environment='compression-2']");
                    const status = card && card.getAttribute("data-status");
                    if (status && window.seen[window.seen.length - 1] !== status) window.seen.push(status);
                };
                new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
            }
            """);

        await environments.CreateAsync("compression-2");

        var card = environments.Card("compression-2");
        await Expect(card).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 15_000 });
        await Expect(card.Locator("[data-state=done]")).ToHaveCountAsync(4);
        await Expect(card.Locator(".elapsed")).ToContainTextAsync("Ready since");
        var seen = await Page.EvaluateAsync<string[]>("() => window.seen");
        // Pending lasts until the worker's first look, a few milliseconds: shown when the page caught it, and only first.
        Assert.Equal(["Provisioning", "Ready"], seen.SkipWhile(s => s == "Pending"));
        Assert.True(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page was reloaded.");
    }

    [Fact]
    public async Task A_permanent_fault_shows_failed_with_its_message_then_retry_reaches_ready()
    {
        await InjectFaultAsync("create Cluster", "Quota exceeded for n2-standard-4 in europe-west1.");
        await Page.GotoAsync("/environments");
        await new LoginPage(Page).SignInAsync("admin@globex.test");
        var environments = new EnvironmentsPage(Page);
        await new PortalPage(Page).WaitForCircuitAsync();

        await environments.CreateAsync("fragile-env");

        var card = environments.Card("fragile-env");
        await Expect(card).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 20_000 });
        await Expect(card.Locator(".status-message")).ToHaveTextAsync("Quota exceeded for n2-standard-4 in europe-west1.");
        await Expect(card.Locator("[data-step=CreateCluster]")).ToHaveAttributeAsync("data-state", "failed");

        await environments.ActAsync("fragile-env", "retry");

        await Expect(card).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task With_the_keyboard_alone_a_delete_is_asked_for_escaped_and_then_confirmed_by_typing_the_name()
    {
        var api = await PortalApi.SignInAsync(BaseAddress, "admin@globex.test");
        await api.CreateEnvironmentAsync("keyboard-delete");
        await Page.GotoAsync("/environments");
        await new LoginPage(Page).SignInAsync("admin@globex.test");
        var environments = new EnvironmentsPage(Page);
        await new PortalPage(Page).WaitForCircuitAsync();
        // Settled first: while it is created, its Cancel button gives way to Delete, and focus would go with it.
        await Expect(environments.Card("keyboard-delete")).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 30_000 });
        var delete = environments.Card("keyboard-delete").Locator("[data-action='delete']");

        await delete.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#delete-environment-confirmation")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.Locator("#delete-environment-confirmation")).ToHaveCountAsync(0);

        await delete.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#delete-environment-confirmation")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("keyboard-delet");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#confirm-delete-environment")).ToBeDisabledAsync();
        await Page.Keyboard.TypeAsync("e");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#delete-environment-confirmation")).ToHaveCountAsync(0);
        await Expect(environments.Card("keyboard-delete")).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("Deleting|Deleted"));
    }

    [Fact]
    public async Task The_environment_page_renames_copies_its_id_leads_back_and_deletes_with_the_name_typed()
    {
        var api = await PortalApi.SignInAsync(BaseAddress, "admin@globex.test");
        var id = await api.CreateEnvironmentAsync("page-actions");
        await using var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), Permissions = ["clipboard-read", "clipboard-write"] });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/environments/{id}");
        await new LoginPage(page).SignInAsync("admin@globex.test");
        await new PortalPage(page).WaitForCircuitAsync();

        await page.Locator("#environment-id-copy").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Environment ID copied.");
        Assert.Equal(id.ToString(), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        await page.Locator("#edit-environment").ClickAsync();
        await page.Locator("#edit-environment-name").FillAsync("page-renamed");
        await page.Locator("#save-environment").ClickAsync();
        await Expect(page.Locator("#environment-title")).ToHaveTextAsync("page-renamed");

        // Before the delete: once it completes, this page is "not found" and has no breadcrumbs to follow.
        var environments = new EnvironmentsPage(page);
        await page.Locator("#environment-breadcrumbs a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/environments$"));
        // The URL changes before the list is drawn; Back while the old page is still shown would click a stale button.
        await Expect(environments.Card("page-renamed")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Expect(page.Locator("#environment-title")).ToHaveTextAsync("page-renamed");

        await page.Locator("#delete-environment").ClickAsync();
        await environments.ConfirmDeleteAsync("page-renamed");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/environments$"));
        await Expect(environments.Card("page-renamed")).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("Deleting|Deleted"));
    }

    [Fact]
    public async Task Deleting_an_environment_that_repos_use_is_refused_naming_them()
    {
        await Page.GotoAsync("/environments");
        await new LoginPage(Page).SignInAsync("admin@acme.test");
        var environments = new EnvironmentsPage(Page);
        await new PortalPage(Page).WaitForCircuitAsync();

        await environments.ActAsync("prod-analytics", "delete");
        await environments.ConfirmDeleteAsync("prod-analytics");

        await Expect(Page.Locator("#bound-repos-message")).ToBeVisibleAsync();
        await Expect(Page.Locator(".mud-dialog a").Filter(new() { HasText = "Sales Dashboards" })).ToBeVisibleAsync();
        await Expect(environments.Card("prod-analytics")).ToHaveAttributeAsync("data-status", "Ready");
    }

    [Fact]
    public async Task Another_customers_environment_address_shows_not_found()
    {
        var globexEnvironment = await ScalarAsync("SELECT Id FROM ComputeEnvironments WHERE Name = 'globex-main'");
        await Page.GotoAsync("/");
        await new LoginPage(Page).SignInAsync("admin@acme.test");
        await new PortalPage(Page).WaitForCircuitAsync();

        await Page.GotoAsync($"/environments/{globexEnvironment}");

        await Expect(Page.Locator("h1").Filter(new() { HasText = "Not found" })).ToBeVisibleAsync();
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("westeurope");
    }

    [Fact]
    public async Task The_environment_page_shows_its_operation_timeline()
    {
        await Page.GotoAsync("/environments");
        await new LoginPage(Page).SignInAsync("gina@globex.test");
        await new PortalPage(Page).WaitForCircuitAsync();
        var admin = await PortalApi.SignInAsync(BaseAddress, "admin@globex.test");
        await admin.CreateEnvironmentAsync("timeline-env");
        await admin.WaitUntilAllReadyAsync(["timeline-env"], TimeSpan.FromSeconds(30));

        await Page.Locator("[data-environment='timeline-env'] a").First.ClickAsync();

        await Expect(Page.Locator("#environment-title")).ToHaveTextAsync("timeline-env");
        foreach (var step in new[] { "CreateNetwork", "CreateStorage", "CreateCluster", "VerifyReady" })
            await Expect(Page.Locator($"tr[data-step={step}]")).ToContainTextAsync("1");
    }

    private Task InjectFaultAsync(string call, string message) =>
        new SimulatedCloud(Options.Create(new SimulatedCloudOptions { ConnectionString = $"Data Source={Files.Cloud}" }), TimeProvider.System)
            .InjectFaultAsync(call, permanent: true, message);

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = Files.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
