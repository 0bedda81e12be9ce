using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;
using DataTricks.Domain.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataTricks.Portal.Tests.Webhooks;

/// <summary>
/// Deliveries to a real receiver on this machine: signed as Standard Webhooks says (checked by the receiver and by the
/// reference implementation), retried on the schedule by the fake clock, given up and disabled when the endpoint is
/// gone or keeps failing, in order per environment, and never held up by another endpoint.
/// </summary>
public sealed class WebhookDeliveryTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebhookReceiver _receiver = null!;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();

    private static readonly TimeSpan Nudge = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Moves the clock by <paramref name="step"/>, then on at the pace of real time until <paramref name="count"/>
    /// webhooks have arrived: a dispatcher that set its timer just as the clock jumped waits for the clock to move again,
    /// as real time always does. Faster than real time, a slow machine's attempt outlives its lease and is sent twice.
    /// </summary>
    private async Task<IReadOnlyList<ReceivedWebhook>> AdvanceUntilAsync(TimeSpan step, int count)
    {
        factory.Time.Advance(step);
        await Eventually.HoldsAsync(() =>
        {
            if (_receiver.Received.Count >= count)
                return Task.FromResult(true);
            factory.Time.Advance(Nudge);
            return Task.FromResult(false);
        }, $"{count} webhook(s)", TimeSpan.FromSeconds(20), Nudge);
        return _receiver.Received;
    }

    [Fact]
    public async Task An_event_is_posted_signed_and_the_reference_implementation_verifies_it()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (endpointId, secret) = await admin.CreateEndpointAsync(_receiver.Url(), "user.created");

        var (userId, email) = await customer.AddUserAsync("Member");

        var webhook = (await _receiver.WaitForAsync(1)).Single();
        Assert.Equal("user.created", webhook.Type);
        Assert.Equal(webhook.Id, webhook.Json.GetProperty("id").GetString());
        Assert.Equal(customer.Id, webhook.Json.GetProperty("customerId").GetGuid());
        Assert.Equal(userId, webhook.Json.GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal(email, webhook.Json.GetProperty("data").GetProperty("email").GetString());
        Assert.Equal("Member", webhook.Json.GetProperty("data").GetProperty("role").GetString());
        Assert.StartsWith("application/json", webhook.Headers["content-type"]);
        Assert.Equal(factory.Time.GetUtcNow().ToUnixTimeSeconds(), webhook.Timestamp);
        Assert.True(WebhookReceiver.IsSignedWith(webhook, secret));
        Assert.Equal([null], await WebhookReceiver.ReferenceVerdictsAsync([(webhook, secret)]));
        // Another secret does not verify: the check can fail.
        var stranger = "whsec_" + Convert.ToBase64String(new byte[32]);
        Assert.False(WebhookReceiver.IsSignedWith(webhook, stranger));
        Assert.NotNull((await WebhookReceiver.ReferenceVerdictsAsync([(webhook, stranger)])).Single());

        var delivery = await WebhookDeliveries.EventuallyAsync(admin, endpointId, d => d.GetProperty("status").GetString() == "Delivered");
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(204, delivery.GetProperty("lastAttempt").GetProperty("statusCode").GetInt32());
        Assert.Equal(webhook.Id, delivery.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_after_its_pause_with_the_same_webhook_id()
    {
        var failures = 1;
        _receiver.Answer = _ => Task.FromResult(Interlocked.Decrement(ref failures) >= 0 ? 500 : 204);
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (endpointId, _) = await admin.CreateEndpointAsync(_receiver.Url(), "user.created");
        await customer.AddUserAsync("Member");

        var first = (await _receiver.WaitForAsync(1)).Single();
        var pending = await WebhookDeliveries.EventuallyAsync(admin, endpointId, d => d.GetProperty("attempts").GetInt32() == 1);
        Assert.Equal("Pending", pending.GetProperty("status").GetString());
        Assert.Equal(500, pending.GetProperty("lastAttempt").GetProperty("statusCode").GetInt32());
        // The first pause is 5 s, give or take a fifth.
        var wait = pending.GetProperty("nextAttemptAt").GetDateTimeOffset() - factory.Time.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
        await Task.Delay(300, Ct);
        Assert.Single(_receiver.Received);

        var both = await AdvanceUntilAsync(TimeSpan.FromSeconds(6), 2);
        Assert.Equal(first.Id, both[1].Id);
        Assert.Equal(first.Body, both[1].Body);
        var delivered = await WebhookDeliveries.EventuallyAsync(admin, endpointId, d => d.GetProperty("status").GetString() == "Delivered");
        Assert.Equal(2, delivered.GetProperty("attempts").GetInt32());
        var detail = await (await admin.GetAsync($"/api/v1/webhooks/{endpointId}/deliveries/{delivered.GetProperty("id").GetGuid()}", Ct)).JsonAsync();
        Assert.Equal([204, 500], detail.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_a_large_answer_is_cut_to_its_first_kilobyte()
    {
        _receiver.Reply = webhook => webhook.Path switch
        {
            "/moved" => Results.Redirect(_receiver.Url("/elsewhere"), permanent: false, preserveMethod: true),
            "/chatty" => Results.Text(new string('x', 1_000_000), statusCode: 200),
            _ => null,
        };
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (movedId, _) = await admin.CreateEndpointAsync(_receiver.Url("/moved"), "user.created");
        var (chattyId, _) = await admin.CreateEndpointAsync(_receiver.Url("/chatty"), "user.created");

        await customer.AddUserAsync("Member");

        var moved = await WebhookDeliveries.EventuallyAsync(admin, movedId, d => d.GetProperty("attempts").GetInt32() == 1);
        Assert.Equal(307, moved.GetProperty("lastAttempt").GetProperty("statusCode").GetInt32());
        Assert.Equal("Pending", moved.GetProperty("status").GetString());
        var chatty = await WebhookDeliveries.EventuallyAsync(admin, chattyId, d => d.GetProperty("attempts").GetInt32() == 1);
        Assert.Equal("Delivered", chatty.GetProperty("status").GetString());
        Assert.Equal(new string('x', 1024), chatty.GetProperty("lastAttempt").GetProperty("response").GetString());
        await Task.Delay(300, Ct);
        Assert.DoesNotContain(_receiver.Received, w => w.Path == "/elsewhere");
    }

    [Fact]
    public async Task An_endpoint_that_answers_410_gone_is_disabled_and_gets_nothing_more()
    {
        _receiver.Answer = _ => Task.FromResult(410);
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (endpointId, _) = await admin.CreateEndpointAsync(_receiver.Url(), "user.created");
        await customer.AddUserAsync("Member");

        var failed = await WebhookDeliveries.EventuallyAsync(admin, endpointId, d => d.GetProperty("status").GetString() == "Failed");
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        // The attempt's record and the endpoint's disabling are two writes, which a read may find between.
        JsonElement endpoint = default;
        await Eventually.HoldsAsync(async () =>
        {
            endpoint = await (await admin.GetAsync($"/api/v1/webhooks/{endpointId}", Ct)).JsonAsync();
            return !endpoint.GetProperty("enabled").GetBoolean();
        }, "the endpoint disabled");
        Assert.Equal("The endpoint answered 410 Gone.", endpoint.GetProperty("disabledReason").GetString());
        var audit = await factory.WithDatabaseAsync(db => db.AuditEvents.Where(e => e.CustomerId == customer.Id && e.Action == "webhook.disable").ToListAsync(Ct));
        Assert.Single(audit);

        await customer.AddUserAsync("Member");
        await Task.Delay(500, Ct);
        Assert.Single(_receiver.Received);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/webhooks/{endpointId}/test", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_endpoint_failing_for_three_days_is_disabled_and_its_admins_see_why()
    {
        _receiver.Answer = _ => Task.FromResult(503);
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (endpointId, _) = await admin.CreateEndpointAsync(_receiver.Url(), "user.created");
        await customer.AddUserAsync("Member");
        await _receiver.WaitForAsync(1);
        // Recorded before the clock moves: an attempt still in flight when 15 h pass would outlive its lease, be sent
        // again, and count its failure from when it was recorded (a CI run saw 6 failures and no disabling).
        await Eventually.HoldsAsync(async () =>
            (await (await admin.GetAsync($"/api/v1/webhooks/{endpointId}", Ct)).JsonAsync()).GetProperty("failureStreak").GetInt32() == 1, "attempt 1 recorded");
        var started = factory.Time.GetUtcNow();

        // Every pause is at most 12 h and a fifth: 15 h of the clock brings the next attempt.
        JsonElement endpoint = default;
        for (var attempts = 1; factory.Time.GetUtcNow() - started < TimeSpan.FromDays(4); attempts++)
        {
            endpoint = await (await admin.GetAsync($"/api/v1/webhooks/{endpointId}", Ct)).JsonAsync();
            if (!endpoint.GetProperty("enabled").GetBoolean())
                break;
            Assert.True(factory.Time.GetUtcNow() - started < TimeSpan.FromDays(3), "Still enabled after 3 days of failures.");
            await AdvanceUntilAsync(TimeSpan.FromHours(15), attempts + 1);
            // An access token lasts an hour of the clock.
            admin = await customer.AdminAsync();
            // Recorded, and past 3 days of failures disabled: two writes, which a read may find between.
            var failingForThreeDays = factory.Time.GetUtcNow() - started >= TimeSpan.FromDays(3);
            var seen = "";
            await Eventually.HoldsAsync(async () =>
            {
                var now = await (await admin.GetAsync($"/api/v1/webhooks/{endpointId}", Ct)).JsonAsync();
                seen = $"streak {now.GetProperty("failureStreak")}, enabled {now.GetProperty("enabled")}, {_receiver.Received.Count} received, clock +{factory.Time.GetUtcNow() - started}";
                return now.GetProperty("failureStreak").GetInt32() == attempts + 1 && (!failingForThreeDays || !now.GetProperty("enabled").GetBoolean());
            }, $"attempt {attempts + 1} recorded", lastSeen: () => seen);
        }

        Assert.False(endpoint.GetProperty("enabled").GetBoolean());
        Assert.Equal("Every delivery failed for 3 days.", endpoint.GetProperty("disabledReason").GetString());
        Assert.True(endpoint.GetProperty("failingSince").GetDateTimeOffset() <= factory.Time.GetUtcNow() - TimeSpan.FromDays(3));
        Assert.Contains(await factory.WithDatabaseAsync(db => db.AuditEvents.Where(e => e.CustomerId == customer.Id).Select(e => e.Action).ToListAsync(Ct)),
            action => action == "webhook.disable");

        // Enabled again, it starts afresh, and what waited is sent.
        _receiver.Answer = _ => Task.FromResult(204);
        var enabled = await admin.PatchAsJsonAsync($"/api/v1/webhooks/{endpointId}", new { enabled = true }, Ct);
        Assert.Equal(0, (await enabled.JsonAsync()).GetProperty("failureStreak").GetInt32());
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_new_one_for_24_hours_then_stops()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (endpointId, oldSecret) = await admin.CreateEndpointAsync(_receiver.Url(), "user.created");
        var rotated = await (await admin.PostAsync($"/api/v1/webhooks/{endpointId}/rotate-secret", null, Ct)).JsonAsync();
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(factory.Time.GetUtcNow().AddHours(24), rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset());

        await customer.AddUserAsync("Member");
        var during = (await _receiver.WaitForAsync(1)).Single();
        Assert.Equal(2, during.Headers["webhook-signature"].Split(' ').Length);
        Assert.True(WebhookReceiver.IsSignedWith(during, oldSecret));
        Assert.True(WebhookReceiver.IsSignedWith(during, newSecret));

        factory.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await customer.AddUserAsync("Member");
        var after = (await _receiver.WaitForAsync(2))[1];
        Assert.Single(after.Headers["webhook-signature"].Split(' '));
        Assert.False(WebhookReceiver.IsSignedWith(after, oldSecret));
        Assert.True(WebhookReceiver.IsSignedWith(after, newSecret));

        Assert.Equal([null, null, null], await WebhookReceiver.ReferenceVerdictsAsync([(during, oldSecret), (during, newSecret), (after, newSecret)]));
        Assert.NotNull((await WebhookReceiver.ReferenceVerdictsAsync([(after, oldSecret)])).Single());
    }

    [Fact]
    public async Task The_events_of_one_environment_arrive_in_version_order_even_when_one_is_retried()
    {
        var failures = 1;
        _receiver.Answer = webhook => Task.FromResult(webhook.Type == "environment.created" && Interlocked.Decrement(ref failures) >= 0 ? 500 : 204);
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        await admin.CreateEndpointAsync(_receiver.Url(), "environment.created", "environment.updated", "operation.succeeded");

        var environmentId = (await admin.CreatedEnvironmentAsync("ordered")).GetProperty("id").GetGuid();
        await admin.WaitForStatusAsync(environmentId, "Ready");
        await _receiver.WaitForAsync(1);
        await Task.Delay(300, Ct);
        // Everything after the failed create waits for it.
        Assert.Single(_receiver.Received);

        await AdvanceUntilAsync(TimeSpan.FromSeconds(6), 2);
        await _receiver.WaitForAsync(1, w => w.Type == "environment.updated" && w.Json.GetProperty("data").GetProperty("status").GetString() == "Ready");
        var received = _receiver.Received;
        var ofEnvironment = received.Where(w => w.Type.StartsWith("environment.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["environment.created", "environment.created"], ofEnvironment.Take(2).Select(w => w.Type));
        Assert.All(ofEnvironment.Skip(2), w => Assert.Equal("environment.updated", w.Type));
        var versions = ofEnvironment.Skip(1).Select(w => w.Json.GetProperty("data").GetProperty("version").GetInt64()).ToList();
        Assert.Equal(versions.Order().Distinct(), versions);
        Assert.Equal("Ready", ofEnvironment[^1].Json.GetProperty("data").GetProperty("status").GetString());
        Assert.Contains(received, w => w.Type == "operation.succeeded" && w.Json.GetProperty("data").GetProperty("environmentId").GetGuid() == environmentId);
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_does_not_hold_up_another()
    {
        await using var stuck = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource();
        stuck.Answer = async _ =>
        {
            await release.Task;
            return 204;
        };
        try
        {
            var slots = factory.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxConcurrencyPerEndpoint;
            var slow = await TestCustomer.SignUpAsync(factory);
            await (await slow.AdminAsync()).CreateEndpointAsync(stuck.Url(), "user.created");
            for (var i = 0; i < slots + 2; i++)
                await slow.AddUserAsync("Member");
            await stuck.WaitForAsync(slots);

            var other = await TestCustomer.SignUpAsync(factory);
            await (await other.AdminAsync()).CreateEndpointAsync(_receiver.Url(), "user.created");
            for (var i = 0; i < 3; i++)
                await other.AddUserAsync("Member");

            Assert.Equal(3, (await _receiver.WaitForAsync(3)).Count);
            // The stuck endpoint got only as many as its slots while none of them was answered.
            Assert.Equal(slots, stuck.Received.Count);
        }
        finally
        {
            release.SetResult();
        }
    }
}
