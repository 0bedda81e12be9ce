using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Portal.Tests.Support;
using DataTricks.Domain.Events;
using DataTricks.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Webhooks;

/// <summary>The feed of a customer's events: what each change writes, in the order of the changes, paged by a cursor.</summary>
public sealed class EventFeedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_change_writes_its_event_in_the_order_of_the_changes()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (userId, _) = await customer.AddUserAsync("Member");
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/users/{userId}", new { role = "Admin" }, Ct)).StatusCode);
        Assert.True((await admin.DeleteAsync($"/api/v1/users/{userId}", Ct)).IsSuccessStatusCode);
        var environmentId = (await admin.CreatedEnvironmentAsync("feed")).GetProperty("id").GetGuid();
        await admin.WaitForStatusAsync(environmentId, "Ready");
        var repo = await (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Feed repo", computeEnvironmentId = environmentId }, Ct)).JsonAsync();
        var repoId = repo.GetProperty("id").GetGuid();
        // Refused for its name: rolled back, it writes no event.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Feed repo", computeEnvironmentId = environmentId }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/repos/{repoId}", new { description = "Described" }, Ct)).StatusCode);
        Assert.True((await admin.DeleteAsync($"/api/v1/repos/{repoId}", Ct)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt = factory.Time.GetUtcNow().AddDays(1) }, Ct)).StatusCode);
        var support = await factory.SignedInAsync(ApiClients.Support);
        Assert.Equal(HttpStatusCode.Created, (await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = customer.Id, reason = "Ticket 9" }, Ct)).StatusCode);
        Assert.True((await support.DeleteAsync("/api/v1/support/impersonation", Ct)).IsSuccessStatusCode);
        Assert.True((await admin.DeleteAsync("/api/v1/customer/support-access", Ct)).IsSuccessStatusCode);

        var events = await AllEventsAsync(admin, 13);

        // An operation's end and its environment's new status are one save: their order between them is the database's.
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(
        [
            "user.created", "user.updated", "user.deleted", "environment.created", "environment.updated",
            "repo.created", "repo.updated", "repo.deleted",
            "support_access.granted", "impersonation.started", "impersonation.ended", "support_access.revoked",
        ], types.Where(t => t != "operation.succeeded").Distinct());
        Assert.InRange(types.IndexOf("operation.succeeded"), types.IndexOf("environment.created") + 1, types.IndexOf("repo.created") - 1);
        Assert.All(events, e => Assert.Equal(customer.Id, e.GetProperty("customerId").GetGuid()));
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetGuid()).Distinct().Count());
        var updated = events.Single(e => e.GetProperty("type").GetString() == "user.updated");
        Assert.Equal("Admin", updated.GetProperty("data").GetProperty("role").GetString());
        var ready = events.Last(e => e.GetProperty("type").GetString() == "environment.updated");
        Assert.Equal("Ready", ready.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(environmentId, ready.GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal("Described", events.Single(e => e.GetProperty("type").GetString() == "repo.updated").GetProperty("data").GetProperty("description").GetString());
        Assert.Equal("Ticket 9", events.Single(e => e.GetProperty("type").GetString() == "impersonation.started").GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Support_access_that_runs_out_is_an_event()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt = factory.Time.GetUtcNow().AddHours(1) }, Ct)).StatusCode);

        factory.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2));

        admin = await customer.AdminAsync();
        var events = await AllEventsAsync(admin, 2);
        Assert.Equal(["support_access.granted", "support_access.expired"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.NotEqual(JsonValueKind.Null, events[1].GetProperty("data").GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task The_cursor_pages_forward_and_a_reader_at_the_end_gets_only_what_came_since()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        for (var i = 0; i < 3; i++)
            await customer.AddUserAsync("Member");
        await AllEventsAsync(admin, 3);

        var first = await (await admin.GetAsync("/api/v1/events?pageSize=2", Ct)).JsonAsync();
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var second = await (await admin.GetAsync($"/api/v1/events?pageSize=2&after={first.GetProperty("next").GetString()}", Ct)).JsonAsync();
        Assert.Single(second.GetProperty("items").EnumerateArray());
        var end = second.GetProperty("next").GetString();
        var empty = await (await admin.GetAsync($"/api/v1/events?after={end}", Ct)).JsonAsync();
        Assert.Empty(empty.GetProperty("items").EnumerateArray());
        Assert.Equal(end, empty.GetProperty("next").GetString());
        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(3, seen.Distinct().Count());

        var (newUser, _) = await customer.AddUserAsync("Member");
        JsonElement since = default;
        await Eventually.HoldsAsync(async () =>
        {
            since = await (await admin.GetAsync($"/api/v1/events?after={end}", Ct)).JsonAsync();
            return since.GetProperty("items").GetArrayLength() > 0;
        }, "the new event in the feed");
        Assert.Equal(newUser, since.GetProperty("items")[0].GetProperty("data").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_reader_filtering_by_type_moves_past_the_events_it_does_not_want()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (userId, _) = await customer.AddUserAsync("Member");
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync($"/api/v1/users/{userId}", new { displayName = "Renamed" }, Ct)).StatusCode);
        await AllEventsAsync(admin, 2);

        var updates = await (await admin.GetAsync("/api/v1/events?types=user.updated,repo.deleted", Ct)).JsonAsync();

        Assert.Equal(["user.updated"], updates.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var created = await (await admin.GetAsync($"/api/v1/events?types=user.created&after={updates.GetProperty("next").GetString()}", Ct)).JsonAsync();
        Assert.Empty(created.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_waiting_reader_is_answered_when_an_event_arrives()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var end = (await (await admin.GetAsync("/api/v1/events", Ct)).JsonAsync()).GetProperty("next").GetString();

        var waiting = admin.GetAsync($"/api/v1/events?after={end}&wait=30s", Ct);
        await Task.Delay(200, Ct);
        Assert.False(waiting.IsCompleted);
        await customer.AddUserAsync("Member");

        var page = await (await waiting).JsonAsync();
        Assert.Equal("user.created", page.GetProperty("items")[0].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("after=%25%25", "after")]
    [InlineData("types=user.created,user.exploded", "types")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("wait=forever", "wait")]
    public async Task A_bad_request_of_the_feed_says_which_parameter(string query, string field)
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();

        var response = await admin.GetAsync($"/api/v1/events?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_customer_sees_only_its_own_events_and_members_none()
    {
        var one = await TestCustomer.SignUpAsync(factory);
        var other = await TestCustomer.SignUpAsync(factory);
        await one.AddUserAsync("Member");
        var (_, memberEmail) = await other.AddUserAsync("Member");
        var otherAdmin = await other.AdminAsync();

        var events = await AllEventsAsync(otherAdmin, 1);

        Assert.All(events, e => Assert.Equal(other.Id, e.GetProperty("customerId").GetGuid()));
        var member = await factory.SignedInAsync(memberEmail, TestCustomer.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/events", Ct)).StatusCode);
    }

    [Fact]
    public async Task Events_and_their_deliveries_are_kept_thirty_days()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        await admin.CreateEndpointAsync("http://127.0.0.1:9/hooks", "user.created");
        await customer.AddUserAsync("Member");
        await AllEventsAsync(admin, 1);
        var retention = factory.Services.GetRequiredService<EventRetention>();

        factory.Time.Advance(TimeSpan.FromDays(29));
        await retention.RemoveExpiredAsync(Ct);
        Assert.Equal((1, 1), await CountsAsync(customer.Id));

        factory.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await retention.RemoveExpiredAsync(Ct);
        Assert.Equal((0, 0), await CountsAsync(customer.Id));
    }

    private Task<(int Events, int Deliveries)> CountsAsync(Guid customerId) => factory.WithDatabaseAsync(async db =>
        (await db.CustomerEvents.CountAsync(e => e.CustomerId == customerId, Ct), await db.WebhookDeliveries.CountAsync(d => d.CustomerId == customerId, Ct)));

    /// <summary>The customer's feed from its start, once it holds at least <paramref name="atLeast"/> events.</summary>
    private static async Task<List<JsonElement>> AllEventsAsync(HttpClient admin, int atLeast)
    {
        var events = new List<JsonElement>();
        await Eventually.HoldsAsync(async () =>
        {
            events = [.. (await (await admin.GetAsync("/api/v1/events?pageSize=500", Ct)).JsonAsync()).GetProperty("items").EnumerateArray()];
            return events.Count >= atLeast;
        }, $"{atLeast} events in the feed", lastSeen: () => string.Join(", ", events.Select(e => e.GetProperty("type").GetString())));
        return events;
    }
}
