using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>An operation kept in flight by a cloud that waits on the test's clock.</summary>
public sealed class CancelApiTests : IAsyncLifetime
{
    private readonly SlowCloudPortalFactory _factory = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Canceling_a_running_create_answers_202_and_the_environment_is_deleted()
    {
        var admin = await _factory.SignedInAsync(ApiClients.AcmeAdmin);
        var created = await admin.CreatedEnvironmentAsync("cancel-me");
        var id = created.GetProperty("id").GetGuid();
        var operationUrl = $"/api/v1/operations/{created.GetProperty("operationId").GetGuid()}";
        await admin.WaitForStatusAsync(id, "Provisioning");
        var running = await admin.GetAsync(operationUrl, Ct);
        Assert.Equal("Running", (await running.JsonAsync()).GetProperty("status").GetString());
        Assert.NotNull(running.Headers.RetryAfter);

        var canceled = await admin.PostAsync($"{operationUrl}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, canceled.StatusCode);
        // The answer shows the create as it is after the cancel: asked to stop, ending Canceled.
        Assert.Equal(JsonValueKind.String, (await canceled.JsonAsync()).GetProperty("cancelRequestedAt").ValueKind);
        var deleteUrl = canceled.Headers.GetValues("Operation-Location").Single();
        Assert.Equal("Deleting", (await (await admin.GetAsync($"/api/v1/compute-environments/{id}", Ct)).JsonAsync()).GetProperty("status").GetString());
        // The slow cloud works on the test's clock: each look moves it on a minute.
        await Eventually.HoldsAsync(async () =>
        {
            _factory.Time.Advance(TimeSpan.FromMinutes(1));
            return (await admin.GetAsync($"/api/v1/compute-environments/{id}", Ct)).StatusCode == HttpStatusCode.NotFound;
        }, "the canceled environment to be deleted");
        Assert.Equal("Canceled", (await (await admin.GetAsync(operationUrl, Ct)).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("Succeeded", (await (await admin.GetAsync(deleteUrl, Ct)).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{deleteUrl}/cancel", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Canceling_a_create_whose_environment_a_repo_is_bound_to_is_refused_and_changes_nothing()
    {
        var admin = await _factory.SignedInAsync(ApiClients.AcmeAdmin);
        var created = await admin.CreatedEnvironmentAsync("bound-cancel");
        var id = created.GetProperty("id").GetGuid();
        var operationUrl = $"/api/v1/operations/{created.GetProperty("operationId").GetGuid()}";
        await admin.WaitForStatusAsync(id, "Provisioning");
        var repo = await admin.PostAsJsonAsync("/api/v1/repos", new { name = $"Bound {Guid.NewGuid():N}", computeEnvironmentId = id }, Ct);
        Assert.Equal(HttpStatusCode.Created, repo.StatusCode);

        var canceled = await admin.PostAsync($"{operationUrl}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, canceled.StatusCode);
        Assert.Equal(DataTricks.Domain.Common.ProblemCodes.EnvironmentInUse, (await canceled.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal("Provisioning", (await (await admin.GetAsync($"/api/v1/compute-environments/{id}", Ct)).JsonAsync()).GetProperty("status").GetString());
        var operation = await (await admin.GetAsync(operationUrl, Ct)).JsonAsync();
        Assert.Equal("Running", operation.GetProperty("status").GetString());
        Assert.True(!operation.TryGetProperty("cancelRequestedAt", out var asked) || asked.ValueKind == JsonValueKind.Null, "The cancel was recorded.");
    }
}
