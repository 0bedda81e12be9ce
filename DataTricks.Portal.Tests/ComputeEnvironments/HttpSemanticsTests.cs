using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>Conditional requests (RFC 9110), long polling, idempotency replays and request ids, as clients see them.</summary>
public sealed class HttpSemanticsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Admin, Guid Id, string ETag)> ReadyEnvironmentAsync(string name)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var id = (await admin.CreatedEnvironmentAsync(name)).GetProperty("id").GetGuid();
        await admin.WaitForStatusAsync(id, "Ready");
        var read = await admin.GetAsync($"/api/v1/compute-environments/{id}", Ct);
        return (admin, id, read.Headers.ETag!.ToString());
    }

    private static HttpRequestMessage Patch(Guid id, string ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/compute-environments/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task If_match_compares_strongly_and_accepts_a_list_holding_the_current_tag()
    {
        var (admin, id, etag) = await ReadyEnvironmentAsync("cond-match");

        var weak = await admin.SendAsync(Patch(id, "W/" + etag, new { name = "cond-weak" }), Ct);
        var list = await admin.SendAsync(Patch(id, $"\"999\", {etag}", new { name = "cond-listed" }), Ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.StatusCode);
        Assert.Equal("precondition-failed", (await weak.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("cond-listed", (await list.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_delete_with_a_stale_if_match_answers_412_and_deletes_nothing()
    {
        var (admin, id, etag) = await ReadyEnvironmentAsync("cond-delete");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(Patch(id, etag, new { name = "cond-delete-2" }), Ct)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/compute-environments/{id}");
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await admin.SendAsync(stale, Ct);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("Ready", (await (await admin.GetAsync($"/api/v1/compute-environments/{id}", Ct)).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task If_none_match_with_the_current_tag_answers_304_and_a_changed_one_answers_200()
    {
        var (admin, id, etag) = await ReadyEnvironmentAsync("cond-cache");
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/compute-environments/{id}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);

        var unchanged = await admin.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag!.ToString());

        await admin.SendAsync(Patch(id, etag, new { name = "cond-cache-2" }), Ct);
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/compute-environments/{id}");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(again, Ct)).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, string url, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_repo_and_the_customer_answer_304_while_unchanged_and_200_once_what_they_show_changed()
    {
        var (admin, environmentId, _) = await ReadyEnvironmentAsync("cond-repos");
        var repo = await (await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Cond repo", computeEnvironmentId = environmentId }, Ct)).JsonAsync();
        var repoUrl = $"/api/v1/repos/{repo.GetProperty("id").GetGuid()}";
        var repoTag = (await admin.GetAsync(repoUrl, Ct)).Headers.ETag!.ToString();
        var customerTag = (await admin.GetAsync("/api/v1/customer", Ct)).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatchAsync(admin, repoUrl, repoTag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatchAsync(admin, "/api/v1/customer", customerTag)).StatusCode);

        // Neither row changes: a new member changes the repo's member count, a new user the customer's user count.
        var user = await (await admin.PostAsJsonAsync("/api/v1/users", new { email = $"cond-{Guid.NewGuid():N}@acme.test", role = "Member" }, Ct)).JsonAsync();
        await admin.PutAsync($"{repoUrl}/members/{user.GetProperty("id").GetGuid()}", null, Ct);

        Assert.Equal(HttpStatusCode.OK, (await GetIfNoneMatchAsync(admin, repoUrl, repoTag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetIfNoneMatchAsync(admin, "/api/v1/customer", customerTag)).StatusCode);
        var userUrl = $"/api/v1/users/{user.GetProperty("id").GetGuid()}";
        var userTag = (await admin.GetAsync(userUrl, Ct)).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatchAsync(admin, userUrl, userTag)).StatusCode);
    }

    [Fact]
    public async Task Waiting_on_an_operation_answers_when_it_is_done()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var created = await admin.CreateEnvironmentAsync("waited-on");
        var operation = created.Headers.GetValues("Operation-Location").Single();

        var waited = await admin.GetAsync($"{operation}?wait=30s", Ct);

        var body = await waited.JsonAsync();
        Assert.True(body.GetProperty("done").GetBoolean(), body.ToString());
        Assert.Equal("Succeeded", body.GetProperty("status").GetString());
        Assert.Null(waited.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("61s")]
    [InlineData("soon")]
    [InlineData("-1s")]
    public async Task A_wait_that_is_not_0s_to_60s_answers_400(string wait)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var operation = (await admin.CreateEnvironmentAsync($"bad-wait-{wait.Length}{wait[0]}")).Headers.GetValues("Operation-Location").Single();

        var response = await admin.GetAsync($"{operation}?wait={wait}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("wait", out _));
    }

    [Fact]
    public async Task A_replayed_create_says_so_and_a_first_one_does_not()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var key = Guid.NewGuid().ToString();

        var first = await admin.CreateEnvironmentAsync("replayed-env", idempotencyKey: key);
        var replay = await admin.CreateEnvironmentAsync("replayed-env", idempotencyKey: key);

        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetGuid(), (await replay.JsonAsync()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_environments_operations_list_newest_first_and_a_foreign_environment_answers_404()
    {
        var (admin, id, etag) = await ReadyEnvironmentAsync("history-env");
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.SendAsync(Patch(id, etag, new { maxWorkers = 6 }), Ct)).StatusCode);

        var history = await (await admin.GetAsync($"/api/v1/compute-environments/{id}/operations", Ct)).JsonAsync();
        var globex = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        var foreign = await globex.GetAsync($"/api/v1/compute-environments/{id}/operations", Ct);

        Assert.Equal(["Resize", "Create"], history.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("kind").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_a_request_id_the_caller_may_choose_and_problems_quote_it()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var chosen = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/compute-environments/{Guid.NewGuid()}");
        chosen.Headers.Add("X-Request-Id", "deploy-42.retry:1");
        var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customer");
        forged.Headers.TryAddWithoutValidation("X-Request-Id", "a b\tc");

        var notFound = await admin.SendAsync(chosen, Ct);
        var replaced = await admin.SendAsync(forged, Ct);

        Assert.Equal("deploy-42.retry:1", notFound.Headers.GetValues("X-Request-Id").Single());
        var problem = await notFound.JsonAsync();
        Assert.Equal("deploy-42.retry:1", problem.GetProperty("traceId").GetString());
        Assert.Equal("not-found", problem.GetProperty("code").GetString());
        Assert.EndsWith("/problems/not-found", problem.GetProperty("type").GetString());
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers.GetValues("X-Request-Id").Single());
        var meaning = await factory.CreateClient().GetStringAsync(new Uri(problem.GetProperty("type").GetString()!).AbsolutePath, Ct);
        Assert.Contains("not-found (HTTP 404)", meaning);
    }
}
