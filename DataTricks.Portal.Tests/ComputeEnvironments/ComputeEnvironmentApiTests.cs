using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

public sealed class ComputeEnvironmentApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_answers_202_at_once_with_pending_status_location_operation_and_retry_after()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var response = await admin.CreateEnvironmentAsync("fresh-env");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Pending", body.GetProperty("status").GetString());
        var id = body.GetProperty("id").GetGuid();
        var operationId = body.GetProperty("operationId").GetGuid();
        Assert.Equal($"/api/v1/compute-environments/{id}", response.Headers.Location?.ToString());
        Assert.Equal($"/api/v1/operations/{operationId}", response.Headers.GetValues("Operation-Location").Single());
        Assert.NotNull(response.Headers.RetryAfter);
        await admin.WaitForStatusAsync(id, "Ready");
    }

    [Theory]
    [InlineData("""{"name":"1bad","cloud":"Aws","region":"us-east-1"}""", "name")]
    [InlineData("""{"name":"ok","cloud":"Oracle","region":"us-east-1"}""", "cloud")]
    [InlineData("""{"name":"ok","cloud":"Azure","region":"us-east-1"}""", "region")]
    [InlineData("""{"name":"ok","cloud":"Aws","region":"us-east-1","minWorkers":5,"maxWorkers":2}""", "maxWorkers")]
    [InlineData("""{"name":"ok","cloud":"Aws","region":"us-east-1","minWorkers":0}""", "minWorkers")]
    [InlineData("""{"name":"ok","cloud":"Aws","region":"us-east-1","maxWorkers":1001}""", "maxWorkers")]
    [InlineData("""{"name":"ok","cloud":"Aws","region":"us-east-1","nodeType":"bad type!"}""", "nodeType")]
    public async Task Bad_input_is_400_with_the_field_and_stores_nothing(string json, string field)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var before = await CountAsync();

        var response = await admin.PostAsync("/api/v1/compute-environments", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_taken_name_is_409_case_insensitively()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var response = await admin.CreateEnvironmentAsync("PROD-ANALYTICS");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_give_the_same_environment_and_a_different_body_422()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var first = await admin.CreateEnvironmentAsync("idem-env", idempotencyKey: "key-1");
        var again = await admin.CreateEnvironmentAsync("idem-env", idempotencyKey: "key-1");
        var different = await admin.CreateEnvironmentAsync("other-env", idempotencyKey: "key-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetGuid(), (await again.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal(1, await factory.WithDatabaseAsync(db => db.ComputeEnvironments.CountAsync(e => e.Name == "idem-env", Ct)));
    }

    // No region belongs to two clouds, so a valid request cannot change its cloud and keep its region: region covers cloud.
    [Theory]
    [InlineData("region", "us-west-2")]
    [InlineData("nodeType", "m5.2xlarge")]
    [InlineData("minWorkers", 2)]
    [InlineData("maxWorkers", 3)]
    public async Task A_key_replayed_with_any_other_field_changed_is_a_different_request_422(string field, object value)
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();
        var key = $"key-{Guid.NewGuid():N}";
        var body = new Dictionary<string, object?> { ["name"] = "hashed-env", ["cloud"] = "Aws", ["region"] = "us-east-1", ["minWorkers"] = 1, ["maxWorkers"] = 2 };
        Assert.Equal(HttpStatusCode.Accepted, (await PostWithKeyAsync(admin, body, key)).StatusCode);

        var changed = await PostWithKeyAsync(admin, new Dictionary<string, object?>(body) { [field] = value }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal(DataTricks.Domain.Common.ProblemCodes.IdempotencyKeyReused, (await changed.JsonAsync()).GetProperty("code").GetString());
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, Dictionary<string, object?> body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/compute-environments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_make_one_environment()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.CreateEnvironmentAsync("racing-env", idempotencyKey: "race-key")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"unexpected {r.StatusCode}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(1, await factory.WithDatabaseAsync(db => db.ComputeEnvironments.CountAsync(e => e.Name == "racing-env", Ct)));
        Assert.Equal(1, await factory.WithDatabaseAsync(db => db.Operations.CountAsync(o => db.ComputeEnvironments.Any(e => e.Id == o.ComputeEnvironmentId && e.Name == "racing-env"), Ct)));
    }

    [Fact]
    public async Task Lists_page_newest_first_and_filter_by_status()
    {
        var globex = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        foreach (var name in new[] { "page-a", "page-b", "page-c" })
        {
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            await globex.CreatedEnvironmentAsync(name);
        }

        var first = await (await globex.GetAsync("/api/v1/compute-environments?pageSize=2", Ct)).JsonAsync();
        var token = first.GetProperty("nextPageToken").GetString();
        var second = await (await globex.GetAsync($"/api/v1/compute-environments?pageSize=2&pageToken={token}", Ct)).JsonAsync();
        var ready = await (await globex.GetAsync("/api/v1/compute-environments?status=ready", Ct)).JsonAsync();

        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(["page-c", "page-b", "page-a", "globex-main"], names);
        Assert.All(ready.GetProperty("items").EnumerateArray(), e => Assert.Equal("Ready", e.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("status=Sleeping")]
    [InlineData("pageToken=%%%")]
    public async Task Bad_list_parameters_are_400(string query)
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/compute-environments?{query}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Patch_honours_if_match_and_answers_412_to_a_stale_etag()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var created = await admin.CreatedEnvironmentAsync("etag-env");
        var id = created.GetProperty("id").GetGuid();
        await admin.WaitForStatusAsync(id, "Ready");
        var read = await admin.GetAsync($"/api/v1/compute-environments/{id}", Ct);
        var etag = read.Headers.ETag!.Tag;

        var renamed = await Patch(admin, id, new { name = "etag-env-2" }, etag);
        var stale = await Patch(admin, id, new { maxWorkers = 9 }, etag);
        var garbage = await Patch(admin, id, new { maxWorkers = 9 }, "\"not-a-version\"");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.NotEqual(etag, renamed.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Patch(admin, id, new { minWorkers = 10, maxWorkers = 4 }, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Patch(admin, id, new { name = "ml-training" }, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Patch(admin, id, new { name = "etag-env-renamed" }, null)).StatusCode);
    }

    [Fact]
    public async Task A_resize_is_an_operation_that_moves_resizing_to_ready_at_the_new_size()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var id = (await admin.CreatedEnvironmentAsync("resize-env")).GetProperty("id").GetGuid();
        await admin.WaitForStatusAsync(id, "Ready");

        var resizing = await Patch(admin, id, new { minWorkers = 2, maxWorkers = 6 }, null);

        Assert.Equal(HttpStatusCode.Accepted, resizing.StatusCode);
        Assert.StartsWith("/api/v1/operations/", resizing.Headers.GetValues("Operation-Location").Single());
        Assert.NotNull(resizing.Headers.RetryAfter);
        Assert.Equal("Resizing", (await resizing.JsonAsync()).GetProperty("status").GetString());
        var ready = await admin.WaitForStatusAsync(id, "Ready");
        Assert.Equal((2, 6), (ready.GetProperty("minWorkers").GetInt32(), ready.GetProperty("maxWorkers").GetInt32()));
        var operation = await (await admin.GetAsync(resizing.Headers.GetValues("Operation-Location").Single(), Ct)).JsonAsync();
        Assert.Equal(("Resize", "Succeeded", "Resize"), (operation.GetProperty("kind").GetString(), operation.GetProperty("status").GetString(), operation.GetProperty("step").GetString()));
    }

    [Fact]
    public async Task A_cluster_deleted_behind_the_portals_back_shows_degraded_and_repair_brings_it_back()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var id = (await admin.CreatedEnvironmentAsync("drift-env")).GetProperty("id").GetGuid();
        await admin.WaitForStatusAsync(id, "Ready");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/compute-environments/{id}/repair", null, Ct)).StatusCode);

        await using (var cloud = new Microsoft.Data.Sqlite.SqliteConnection(factory.CloudConnectionString))
        {
            await cloud.OpenAsync(Ct);
            await using var command = cloud.CreateCommand();
            command.CommandText = "DELETE FROM cloud_resources WHERE environment_id = $id AND kind = 'Cluster'";
            command.Parameters.AddWithValue("$id", id.ToString());
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        }
        factory.Time.Advance(TimeSpan.FromMinutes(5));

        var degraded = await admin.WaitForStatusAsync(id, "Degraded");
        Assert.Contains("cluster", degraded.GetProperty("statusMessage").GetString());
        var repair = await admin.PostAsync($"/api/v1/compute-environments/{id}/repair", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, repair.StatusCode);
        Assert.StartsWith("/api/v1/operations/", repair.Headers.GetValues("Operation-Location").Single());
        await admin.WaitForStatusAsync(id, "Ready");
    }

    [Fact]
    public async Task Delete_is_refused_with_409_naming_the_bound_repos()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var id = await factory.WithDatabaseAsync(db => db.ComputeEnvironments.Where(e => e.Name == "prod-analytics").Select(e => e.Id).SingleAsync(Ct));

        var response = await admin.DeleteAsync($"/api/v1/compute-environments/{id}", Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var repos = (await response.JsonAsync()).GetProperty("repos").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Sales Dashboards"], repos);
        Assert.Equal("Ready", (await (await admin.GetAsync($"/api/v1/compute-environments/{id}", Ct)).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_answers_202_with_an_operation_and_the_environment_vanishes_from_lists()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var id = (await admin.CreatedEnvironmentAsync("short-lived")).GetProperty("id").GetGuid();
        await admin.WaitForStatusAsync(id, "Ready");

        var response = await admin.DeleteAsync($"/api/v1/compute-environments/{id}", Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var operation = response.Headers.GetValues("Operation-Location").Single();
        await Eventually.HoldsAsync(async () => (await admin.GetAsync($"/api/v1/compute-environments/{id}", Ct)).StatusCode == HttpStatusCode.NotFound,
            "the deleted environment to answer 404");
        var done = await (await admin.GetAsync(operation, Ct)).JsonAsync();
        Assert.Equal("Succeeded", done.GetProperty("status").GetString());
        Assert.DoesNotContain("short-lived", await (await admin.GetAsync("/api/v1/compute-environments?pageSize=100", Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.CreateEnvironmentAsync("short-lived")).StatusCode);
    }

    [Fact]
    public async Task A_failed_environment_retries_to_ready_and_retry_is_409_unless_failed()
    {
        // A portal of its own: no other test's environment may take the injected fault.
        await using var factory = new PortalFactory();
        var admin = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        await factory.InjectCloudFaultAsync("create Cluster", permanent: true, "Quota exceeded for clusters.");
        var id = (await admin.CreatedEnvironmentAsync("flaky-env")).GetProperty("id").GetGuid();
        var failed = await admin.WaitForStatusAsync(id, "Failed");
        Assert.Equal("Quota exceeded for clusters.", failed.GetProperty("statusMessage").GetString());
        var failedOperation = await (await admin.GetAsync($"/api/v1/operations/{failed.GetProperty("operationId").GetGuid()}", Ct)).JsonAsync();
        Assert.Equal("InjectedFault", failedOperation.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("CreateCluster", failedOperation.GetProperty("step").GetString());

        var retry = await admin.PostAsync($"/api/v1/compute-environments/{id}/retry", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.NotNull(retry.Headers.GetValues("Operation-Location").Single());
        await admin.WaitForStatusAsync(id, "Ready");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/compute-environments/{id}/retry", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Operations_report_their_progress_and_a_done_one_cannot_be_canceled()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var created = await admin.CreatedEnvironmentAsync("op-env");
        await admin.WaitForStatusAsync(created.GetProperty("id").GetGuid(), "Ready");
        var operationUrl = $"/api/v1/operations/{created.GetProperty("operationId").GetGuid()}";

        var response = await admin.GetAsync(operationUrl, Ct);
        var operation = await response.JsonAsync();

        Assert.Equal("Create", operation.GetProperty("kind").GetString());
        Assert.True(operation.GetProperty("done").GetBoolean());
        Assert.Equal(4, operation.GetProperty("stepIndex").GetInt32());
        Assert.Equal(4, operation.GetProperty("stepCount").GetInt32());
        Assert.Equal("VerifyReady", operation.GetProperty("step").GetString());
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{operationUrl}/cancel", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/operations/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Members_read_environments_but_cannot_change_them()
    {
        var member = await factory.SignedInAsync(ApiClients.AcmeMember);
        var id = await factory.WithDatabaseAsync(db => db.ComputeEnvironments.Where(e => e.Name == "ml-training").Select(e => e.Id).SingleAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/compute-environments/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.CreateEnvironmentAsync("member-env")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.DeleteAsync($"/api/v1/compute-environments/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Patch(member, id, new { maxWorkers = 3 }, null)).StatusCode);
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, Guid id, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/compute-environments/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, Ct);
    }

    private Task<int> CountAsync() => factory.WithDatabaseAsync(db => db.ComputeEnvironments.CountAsync(Ct));
}
