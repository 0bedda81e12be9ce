using DataTricks.Domain.Events;
using DataTricks.Domain.Webhooks;

namespace DataTricks.Portal.Tests.Webhooks;

/// <summary>The rules of deliveries and of the feed's cursor, without a database.</summary>
public sealed class WebhookRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_pauses_grow_to_twelve_hours_and_add_up_to_about_three_days()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), WebhookRetrySchedule.DelayAfter(1, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(1), WebhookRetrySchedule.DelayAfter(2, 0.5));
        Assert.Equal(TimeSpan.FromHours(12), WebhookRetrySchedule.DelayAfter(WebhookRetrySchedule.Pauses.Count, 0.5));
        Assert.Null(WebhookRetrySchedule.DelayAfter(WebhookRetrySchedule.Pauses.Count + 1, 0.5));
        Assert.Null(WebhookRetrySchedule.DelayAfter(0, 0.5));
        Assert.Equal(WebhookRetrySchedule.Pauses.Count + 1, WebhookRetrySchedule.MaxAttempts);
        var total = WebhookRetrySchedule.Pauses.Aggregate(TimeSpan.Zero, (sum, pause) => sum + pause);
        Assert.InRange(total, TimeSpan.FromDays(3), TimeSpan.FromDays(3.5));
        Assert.All(WebhookRetrySchedule.Pauses.Zip(WebhookRetrySchedule.Pauses.Skip(1)), pair => Assert.True(pair.First <= pair.Second));
    }

    [Theory]
    [InlineData(0.0, 4.0)]
    [InlineData(0.999999, 6.0)]
    public void A_pause_is_jittered_by_up_to_a_fifth_either_way(double random, double seconds) =>
        Assert.Equal(seconds, WebhookRetrySchedule.DelayAfter(1, random)!.Value.TotalSeconds, precision: 3);

    [Fact]
    public void A_failed_attempt_is_due_again_after_its_pause_and_the_last_one_gives_up()
    {
        var delivery = NewDelivery();
        var failed = new WebhookAttemptOutcome(500, TimeSpan.FromMilliseconds(12), "oops", null);

        var attempt = delivery.Record(failed, giveUp: false, Now);

        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(1, attempt.Number);
        Assert.InRange(delivery.NextAttemptAt - Now, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
        Assert.Equal((500, 12, "oops"), (delivery.LastStatusCode!.Value, delivery.LastDurationMs!.Value, delivery.LastResponse));
        Assert.Null(delivery.LeaseOwner);
        for (var i = 1; i < WebhookRetrySchedule.MaxAttempts; i++)
            delivery.Record(failed, giveUp: false, Now);
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Equal(WebhookRetrySchedule.MaxAttempts, delivery.Attempts);
    }

    [Fact]
    public void Gone_gives_up_at_once_and_success_delivers_even_after_failures()
    {
        var gone = NewDelivery();
        gone.Record(new WebhookAttemptOutcome(410, TimeSpan.Zero, null, null), giveUp: true, Now);
        Assert.Equal(WebhookDeliveryStatus.Failed, gone.Status);

        var delivery = NewDelivery();
        delivery.Record(new WebhookAttemptOutcome(null, TimeSpan.FromSeconds(10), null, "No answer within 10 s."), giveUp: false, Now);
        Assert.Equal("No answer within 10 s.", delivery.LastError);
        delivery.Record(new WebhookAttemptOutcome(204, TimeSpan.FromMilliseconds(3), "", null), giveUp: false, Now.AddSeconds(6));
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(Now.AddSeconds(6), delivery.DeliveredAt);

        delivery.Redeliver(Now.AddMinutes(1));
        Assert.Equal((WebhookDeliveryStatus.Pending, Now.AddMinutes(1), (DateTimeOffset?)null), (delivery.Status, delivery.NextAttemptAt, delivery.DeliveredAt));
    }

    [Theory]
    [InlineData(199, false)]
    [InlineData(200, true)]
    [InlineData(299, true)]
    [InlineData(300, false)]
    [InlineData(410, false)]
    public void Only_2xx_is_delivered(int status, bool succeeded)
    {
        var outcome = new WebhookAttemptOutcome(status, TimeSpan.Zero, null, null);
        Assert.Equal(succeeded, outcome.Succeeded);
        Assert.Equal(status == 410, outcome.Gone);
    }

    [Fact]
    public void An_attempt_keeps_the_first_kilobyte_of_the_answer_and_of_the_error()
    {
        var delivery = NewDelivery();

        var attempt = delivery.Record(new WebhookAttemptOutcome(500, TimeSpan.Zero, new string('a', 5000), new string('e', 900)), giveUp: false, Now);

        Assert.Equal(WebhookAttempt.ResponseMaxLength, attempt.Response!.Length);
        Assert.Equal(WebhookAttempt.ErrorMaxLength, attempt.Error!.Length);
        Assert.Equal(attempt.Response, delivery.LastResponse);
    }

    [Fact]
    public void A_rotated_secret_signs_until_its_overlap_ends()
    {
        var endpoint = WebhookEndpoint.Create(Guid.NewGuid(), "https://hooks.example.com/x", "", ["user.created"], "old", Now);
        Assert.Equal(["old"], endpoint.ProtectedSecretsAt(Now));

        endpoint.RotateSecret("new", Now);

        Assert.Equal(["new", "old"], endpoint.ProtectedSecretsAt(Now.AddHours(24).AddTicks(-1)));
        Assert.Equal(["new"], endpoint.ProtectedSecretsAt(Now.AddHours(24)));
    }

    [Fact]
    public void An_endpoint_wants_only_its_types_and_nothing_while_disabled()
    {
        var endpoint = WebhookEndpoint.Create(Guid.NewGuid(), "https://hooks.example.com/x", "", ["user.created", "user.created", "repo.deleted"], "s", Now);
        Assert.Equal(["repo.deleted", "user.created"], endpoint.EventTypes);
        Assert.True(endpoint.Wants("user.created"));
        Assert.False(endpoint.Wants("user.deleted"));

        endpoint.Disable("The endpoint answered 410 Gone.", Now);
        Assert.False(endpoint.Wants("user.created"));
        Assert.True(endpoint.NeedsAttention);
        endpoint.Enable(Now);
        Assert.True(endpoint.Enabled);
        Assert.Null(endpoint.DisabledReason);
        Assert.True(endpoint.Wants("user.created"));
        endpoint.Disable(WebhookEndpoint.DisabledByAdmin, Now);
        Assert.False(endpoint.NeedsAttention);
        Assert.Throws<Domain.Common.DomainException>(() => endpoint.Change("https://hooks.example.com/x", "", ["webhook.test"], Now));
        Assert.Throws<Domain.Common.DomainException>(() => endpoint.Change("https://hooks.example.com/x", "", [], Now));
    }

    [Fact]
    public void A_cursor_reads_back_as_the_place_it_was_made_at()
    {
        Assert.True(EventCursor.TryParse(new EventCursor(123_456_789).ToString(), out var cursor));
        Assert.Equal(123_456_789, cursor.Position);
        Assert.True(EventCursor.TryParse(null, out var start));
        Assert.Equal(EventCursor.Start, start);
        Assert.False(EventCursor.TryParse("AAAA", out _));
        Assert.False(EventCursor.TryParse("%%", out _));
        Assert.False(EventCursor.TryParse(new EventCursor(-1).ToString(), out _));
    }

    [Fact]
    public void The_signature_is_v1_and_the_hmac_of_id_timestamp_and_body()
    {
        // The example of the Standard Webhooks specification.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSecret.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
        Assert.StartsWith("whsec_", WebhookSecret.Generate());
        Assert.Equal(32, Convert.FromBase64String(WebhookSecret.Generate()["whsec_".Length..]).Length);
    }

    private static WebhookDelivery NewDelivery() =>
        WebhookDelivery.Of(CustomerEvent.Of(EventTypes.UserCreated, Guid.NewGuid(), Guid.NewGuid(), new { id = 1 }, Now), Guid.NewGuid(), Now);
}
