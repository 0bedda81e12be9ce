using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.E2E.Pages;
using DataTricks.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace DataTricks.E2E;

/// <summary>Several portal processes on one database: a page open on one node shows what another node's worker does.</summary>
public sealed class MultiNodeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private readonly PortalFiles _files = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // xunit v3 calls only DisposeAsync on a class that is both IAsyncLifetime and IDisposable: the files go here.
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task A_card_open_on_one_node_moves_live_while_another_node_provisions_it()
    {
        await using var cloudService = await PortalProcess.StartCloudAsync(_files, new Dictionary<string, string> { ["SimulatedCloud:StepDelay"] = "00:00:01" });
        var cloud = cloudService.NodeSettings();
        await using var worker = await PortalProcess.StartAsync(_files, cloud);
        // The web node runs no worker: every change its page shows was made, and written to the outbox, by the other.
        await using var web = await PortalProcess.StartAsync(_files, new Dictionary<string, string>(cloud) { ["Provisioning:WorkerEnabled"] = "false" });
        await using var context = await Browser.NewContextAsync(new() { BaseURL = web.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/environments");
        await new LoginPage(page).SignInAsync("admin@acme.test");
        await new PortalPage(page).WaitForCircuitAsync();

        var api = await PortalApi.SignInAsync(web.BaseAddress, "admin@acme.test");
        await api.CreateEnvironmentAsync("other-node-env");

        var card = new EnvironmentsPage(page).Card("other-node-env");
        await Expect(card).ToHaveAttributeAsync("data-status", "Provisioning", new() { Timeout = 15_000 });
        await Expect(card).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 30_000 });
        await Expect(card.Locator("[data-state=done]")).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task An_admin_demoted_on_one_node_loses_the_admin_actions_of_a_page_open_on_another_at_once()
    {
        const string password = "Rights-Passw0rd!";
        await using var first = await PortalProcess.StartAsync(_files);
        await using var second = await PortalProcess.StartAsync(_files, new Dictionary<string, string> { ["Provisioning:WorkerEnabled"] = "false" });
        await PortalApi.SignUpAsync(first.BaseAddress, "Rights Co", "owner@rights.test", password);
        var owner = await PortalApi.SignInAsync(first.BaseAddress, "owner@rights.test", password);
        await owner.AddUserAsync("deputy@rights.test", "Admin", password);
        await owner.AddUserAsync("member@rights.test", "Member", password);
        await using var context = await Browser.NewContextAsync(new() { BaseURL = second.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/users");
        await new LoginPage(page).SignInAsync("deputy@rights.test", password);
        await new PortalPage(page).WaitForCircuitAsync();
        // The admin has already asked to sign a member out and only has to confirm.
        await page.Locator("button[data-sign-out='member@rights.test']").ClickAsync();
        var confirm = page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out" });
        await Expect(confirm).ToBeVisibleAsync();

        await owner.ChangeRoleAsync(await owner.UserIdAsync("deputy@rights.test"), "Member");

        // The first node's change reaches this node through the outbox: the page drops its admin actions by itself,
        // long before its own periodic re-check.
        await Expect(page.Locator("#add-user")).ToHaveCountAsync(0, new() { Timeout = 3_000 });
        await Expect(page.Locator("button[data-sign-out]")).ToHaveCountAsync(0);
        // An action already under way is judged by the rights of the moment it reaches the service.
        await confirm.ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Only an admin of the customer can do this");
    }

    [Fact]
    public async Task A_cookie_or_token_issued_by_one_node_works_on_another()
    {
        await using var first = await PortalProcess.StartAsync(_files);
        await using var second = await PortalProcess.StartAsync(_files, new Dictionary<string, string> { ["Provisioning:WorkerEnabled"] = "false" });
        await using var context = await Browser.NewContextAsync(new() { BaseURL = first.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/users");
        await new LoginPage(page).SignInAsync("admin@acme.test");
        await new PortalPage(page).WaitForCircuitAsync();

        // Cookies of 127.0.0.1 go to every port: the second node must accept the cookie the first one issued.
        await page.GotoAsync(new Uri(second.BaseAddress, "/users").ToString());
        await new PortalPage(page).WaitForCircuitAsync();
        await Expect(page).ToHaveURLAsync(new Uri(second.BaseAddress, "/users").ToString());
        await Expect(page.Locator("#add-user")).ToBeVisibleAsync();

        using var http = new HttpClient { BaseAddress = first.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.test", password = LoginPage.DemoPassword }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        using var onSecond = new HttpClient { BaseAddress = second.BaseAddress };
        onSecond.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task Through_nginx_a_card_moves_live_while_the_worker_node_provisions_it()
    {
        await using var cloudService = await PortalProcess.StartCloudAsync(_files, new Dictionary<string, string> { ["SimulatedCloud:StepDelay"] = "00:00:01" });
        var cloud = cloudService.NodeSettings();
        await using var worker = await PortalProcess.StartAsync(_files, cloud);
        await using var web = await PortalProcess.StartAsync(_files, new Dictionary<string, string>(cloud) { ["Provisioning:WorkerEnabled"] = "false" });
        await using var nginx = await NginxProcess.StartAsync(web.BaseAddress.Port, worker.BaseAddress.Port);
        await using var context = await Browser.NewContextAsync(new() { BaseURL = nginx.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/environments");
        await new LoginPage(page).SignInAsync("admin@acme.test");
        await new PortalPage(page).WaitForCircuitAsync();
        await page.EvaluateAsync("() => window.sameDocument = true");

        var api = await PortalApi.SignInAsync(nginx.BaseAddress, "admin@acme.test");
        await api.CreateEnvironmentAsync("behind-nginx");

        var card = new EnvironmentsPage(page).Card("behind-nginx");
        await Expect(card).ToHaveAttributeAsync("data-status", "Provisioning", new() { Timeout = 15_000 });
        await Expect(card).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "The page was reloaded.");
    }

    [Fact]
    public async Task Through_nginx_a_page_whose_node_dies_comes_back_on_another_node_signed_in_and_current()
    {
        await using var cloudService = await PortalProcess.StartCloudAsync(_files, new Dictionary<string, string> { ["SimulatedCloud:StepDelay"] = "00:00:01" });
        var cloud = cloudService.NodeSettings();
        await using var first = await PortalProcess.StartAsync(_files, cloud);
        // nginx knows both nodes; until the second one starts, every browser lands on the first.
        var secondPort = LoopbackPort.Free();
        await using var nginx = await NginxProcess.StartAsync(first.BaseAddress.Port, secondPort);
        await using var context = await Browser.NewContextAsync(new() { BaseURL = nginx.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/environments");
        await new LoginPage(page).SignInAsync("admin@acme.test");
        await new PortalPage(page).WaitForCircuitAsync();
        await using var second = await PortalProcess.StartAsync(_files, cloud, secondPort);

        await first.KillAsync();
        var api = await PortalApi.SignInAsync(second.BaseAddress, "admin@acme.test");
        await api.CreateEnvironmentAsync("after-failover");

        // The page reconnects through nginx, finds its circuit gone with its node, and loads again from the survivor.
        var card = new EnvironmentsPage(page).Card("after-failover");
        await Expect(card).ToHaveAttributeAsync("data-status", "Ready", new() { Timeout = 60_000 });
        await Expect(page).ToHaveURLAsync(new Uri(nginx.BaseAddress, "/environments").ToString());
        await Expect(page.Locator("#new-environment")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Three_nodes_with_one_killed_midway_finish_every_operation_once_and_a_surviving_page_sees_it_all()
    {
        await using var cloudService = await PortalProcess.StartCloudAsync(_files, new Dictionary<string, string> { ["SimulatedCloud:StepDelay"] = "00:00:00.500" });
        var cloud = cloudService.NodeSettings(new Dictionary<string, string> { ["Provisioning:LeaseDuration"] = "00:00:03", ["Provisioning:SweepInterval"] = "00:00:01" });
        await using var a = await PortalProcess.StartAsync(_files, cloud);
        await using var b = await PortalProcess.StartAsync(_files, cloud);
        await using var c = await PortalProcess.StartAsync(_files, cloud);
        const string password = "Three-N0des-Passw0rd!";
        await PortalApi.SignUpAsync(a.BaseAddress, "Three Nodes Co", "admin@threenodes.test", password);

        await using var context = await Browser.NewContextAsync(new() { BaseURL = a.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        // All hundred on one page, so the page must follow every one of them.
        await page.GotoAsync("/environments?size=100");
        await new LoginPage(page).SignInAsync("admin@threenodes.test", password);
        await new PortalPage(page).WaitForCircuitAsync();
        await page.EvaluateAsync(
            """
            () => {
                window.seen = {};
                new MutationObserver(() => {
                    for (const card of document.querySelectorAll("[data-environment]")) {
                        const name = card.getAttribute("data-environment"), status = card.getAttribute("data-status");
                        const statuses = window.seen[name] ??= [];
                        if (statuses[statuses.length - 1] !== status) statuses.push(status);
                    }
                }).observe(document.body, { subtree: true, childList: true, attributes: true });
            }
            """);

        var nodes = new[] { a, b, c };
        var apis = new List<PortalApi>();
        foreach (var node in nodes)
            apis.Add(await PortalApi.SignInAsync(node.BaseAddress, "admin@threenodes.test", password));
        var names = Enumerable.Range(1, 100).Select(i => $"node-env-{i:000}").ToList();
        var ids = new List<Guid>();
        for (var i = 0; i < names.Count; i++)
        {
            // Node C dies mid-way, holding claims on operations in flight; later creates go through A and B.
            if (i == 60)
                await c.KillAsync();
            ids.Add(await (i < 60 ? apis[i % 3] : apis[i % 2]).CreateEnvironmentAsync(names[i]));
        }
        await apis[0].WaitUntilAllReadyAsync(names, TimeSpan.FromSeconds(180));

        var live = CloudLedger.LiveResources(_files);
        var work = CloudLedger.Work(_files);
        foreach (var id in ids.Select(i => i.ToString()))
        {
            foreach (var kind in new[] { "Network", "Storage", "Cluster" })
                Assert.Equal(1, live.GetValueOrDefault((id, kind)));
            foreach (var call in new[] { "create Network", "create Storage", "create Cluster", "verify cluster" })
                Assert.Equal(1, work.GetValueOrDefault((id, call)));
        }
        // The page on A saw every environment reach Ready, whichever node did the work, never going backwards. (A card
        // the page adds late, under load, may first show a later status; which intermediate ones it caught varies.)
        await Expect(page.Locator("[data-environment][data-status=Ready]")).ToHaveCountAsync(100, new() { Timeout = 60_000 });
        var seen = await page.EvaluateAsync<Dictionary<string, string[]>>("() => window.seen");
        string[] order = ["Pending", "Provisioning", "Ready"];
        Assert.All(names, name =>
        {
            Assert.True(seen.TryGetValue(name, out var statuses), $"{name} never appeared on the page");
            Assert.Equal("Ready", statuses![^1]);
            var positions = statuses.Select(s => Array.IndexOf(order, s)).ToList();
            Assert.True(positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order()), $"{name} went {string.Join(" → ", statuses)}");
        });
        Assert.Contains(names, name => seen[name].Contains("Provisioning"));
    }
}
