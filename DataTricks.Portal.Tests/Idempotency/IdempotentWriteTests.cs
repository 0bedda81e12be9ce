using System.Net;
using System.Net.Http.Json;
using System.Text;
using DataTricks.Domain.Idempotency;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Idempotency;

/// <summary>
/// A write retried with its Idempotency-Key is answered what the first run got — status, headers, body — however the
/// world moved since, runs once however the retries race, and its key belongs to the caller who sent it.
/// </summary>
public sealed class IdempotentWriteTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Keyed(HttpMethod method, string path, string key, object? body = null) =>
        ApiClients.WithHeader(method, path, "Idempotency-Key", key, body);

    [Fact]
    public async Task A_replay_answers_the_original_status_headers_and_body_not_the_current_state()
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { email = $"replayed-{Guid.NewGuid():N}@customer.test", displayName = "Replayed" };
        var first = await admin.SendAsync(Keyed(HttpMethod.Post, "/api/v1/users", key, body), Ct);
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        // The user is deleted meanwhile: the current state would be a 404; the replay is the create's answer.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(first.Headers.Location, Ct)).StatusCode);

        var replay = await admin.SendAsync(Keyed(HttpMethod.Post, "/api/v1/users", key, body), Ct);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Retries_racing_with_one_key_make_one_user_and_each_hears_it_or_that_it_is_in_flight()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var key = Guid.NewGuid().ToString();
        var email = $"raced-{Guid.NewGuid():N}@customer.test";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var response = await admin.SendAsync(Keyed(HttpMethod.Post, "/api/v1/users", key, new { email }), Ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }));

        Assert.All(answers, a => Assert.True(a.Item1 is 201 or 409, $"{a.Item1} {a.Item2}"));
        Assert.Single(answers.Where(a => a.Item1 == 201).Select(a => a.Item2).Distinct());
        Assert.All(answers.Where(a => a.Item1 == 409), a => Assert.Contains("idempotency-key-in-flight", a.Item2));
        Assert.Equal(1, await factory.WithDatabaseAsync(db => db.Users.CountAsync(u => u.CustomerId == customer.Id && u.Email == email, Ct)));
    }

    [Fact]
    public async Task A_replayed_secret_comes_back_whole_but_is_stored_sealed()
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        var key = Guid.NewGuid().ToString();
        var first = await (await admin.SendAsync(Keyed(HttpMethod.Post, "/api/v1/tokens", key, new { name = "sealed" }), Ct)).JsonAsync();

        var replay = await (await admin.SendAsync(Keyed(HttpMethod.Post, "/api/v1/tokens", key, new { name = "sealed" }), Ct)).JsonAsync();

        var secret = first.GetProperty("token").GetString()!;
        Assert.Equal(secret, replay.GetProperty("token").GetString());
        var stored = await factory.WithDatabaseAsync(db => db.IdempotentRequests.Where(r => r.Key == key).Select(r => new { r.Body, r.Headers }).SingleAsync(Ct));
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(stored.Body!) + stored.Headers);
    }

    [Fact]
    public async Task A_key_is_the_callers_own_another_admin_using_it_runs_their_own_request()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (_, otherEmail) = await customer.AddUserAsync("Admin");
        var other = await factory.SignedInAsync(otherEmail, TestCustomer.Password);
        var key = Guid.NewGuid().ToString();

        var mine = await (await customer.AdminAsync()).SendAsync(Keyed(HttpMethod.Post, "/api/v1/tokens", key, new { name = "shared key" }), Ct);
        var theirs = await other.SendAsync(Keyed(HttpMethod.Post, "/api/v1/tokens", key, new { name = "shared key" }), Ct);

        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual((await mine.JsonAsync()).GetProperty("id").GetGuid(), (await theirs.JsonAsync()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_refused_body_frees_its_key_for_the_corrected_request()
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        var key = Guid.NewGuid().ToString();

        var refused = await admin.SendAsync(Keyed(HttpMethod.Post, "/api/v1/users", key, new { email = "not-an-email" }), Ct);
        var corrected = await admin.SendAsync(Keyed(HttpMethod.Post, "/api/v1/users", key, new { email = $"fixed-{Guid.NewGuid():N}@customer.test" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task A_claim_whose_node_died_is_taken_over_after_a_minute_and_not_before()
    {
        var requests = factory.Services.GetRequiredService<IdempotentRequests>();
        var (scope, key) = ($"scope-{Guid.NewGuid():N}", Guid.NewGuid().ToString());

        var first = await requests.BeginAsync(scope, key, "hash", Ct);
        var meanwhile = await requests.BeginAsync(scope, key, "hash", Ct);
        var other = await requests.BeginAsync(scope, key, "another hash", Ct);
        factory.Time.Advance(IdempotentRequest.ClaimDuration);
        var afterDeath = await requests.BeginAsync(scope, key, "hash", Ct);
        var afterTakeover = await requests.BeginAsync(scope, key, "hash", Ct);

        Assert.IsType<IdempotencyOutcome.Run>(first);
        Assert.IsType<IdempotencyOutcome.InFlight>(meanwhile);
        Assert.IsType<IdempotencyOutcome.Reused>(other);
        Assert.IsType<IdempotencyOutcome.Run>(afterDeath);
        Assert.IsType<IdempotencyOutcome.InFlight>(afterTakeover);
    }

    [Fact]
    public async Task An_answered_key_is_forgotten_after_a_day_and_the_same_key_runs_anew()
    {
        var requests = factory.Services.GetRequiredService<IdempotentRequests>();
        var (scope, key) = ($"scope-{Guid.NewGuid():N}", Guid.NewGuid().ToString());
        await requests.BeginAsync(scope, key, "hash", Ct);
        await requests.AnswerAsync(scope, key, 201, new Dictionary<string, string>(), [1, 2, 3], Ct);

        var replay = await requests.BeginAsync(scope, key, "another hash", Ct) is IdempotencyOutcome.Reused
            ? await requests.BeginAsync(scope, key, "hash", Ct) : null;
        factory.Time.Advance(IdempotentRequest.Lifetime);
        var later = await requests.BeginAsync(scope, key, "another hash", Ct);

        Assert.Equal([1, 2, 3], Assert.IsType<IdempotencyOutcome.Replay>(replay).Body);
        Assert.IsType<IdempotencyOutcome.Run>(later);
    }
}
