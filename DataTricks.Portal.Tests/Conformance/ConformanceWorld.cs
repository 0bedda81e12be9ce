using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;

namespace DataTricks.Portal.Tests.Conformance;

/// <summary>
/// A customer of the conformance run's own with one of everything a path can name, and the callers that reach them:
/// its admin, a member, support staff and nobody.
/// </summary>
public sealed class ConformanceWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConformanceWorld(PortalFactory factory, TestCustomer customer) => (Factory, Customer) = (factory, customer);

    public PortalFactory Factory { get; }
    public TestCustomer Customer { get; }
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Member { get; private set; } = null!;
    public HttpClient Staff { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public Guid MemberId { get; private set; }
    public Guid EnvironmentId { get; private set; }
    public Guid OperationId { get; private set; }
    public Guid RepoId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid TokenId { get; private set; }
    public Guid ScimTokenId { get; private set; }
    public Guid WebhookId { get; private set; }
    public Guid DeliveryId { get; private set; }

    public static async Task<ConformanceWorld> CreateAsync(PortalFactory factory)
    {
        var world = new ConformanceWorld(factory, await TestCustomer.SignUpAsync(factory));
        await world.FillAsync();
        return world;
    }

    private async Task FillAsync()
    {
        Admin = await Customer.AdminAsync();
        Anonymous = Factory.CreateClient();
        Staff = await Factory.SignedInAsync(ApiClients.Support);
        (MemberId, var memberEmail) = await Customer.AddUserAsync("Member");
        Member = await Factory.SignedInAsync(memberEmail, TestCustomer.Password);

        var environment = await CreateAsync("/api/v1/compute-environments", new { name = "conformance", cloud = "Aws", region = "eu-west-1" });
        EnvironmentId = environment.GetProperty("id").GetGuid();
        OperationId = environment.GetProperty("operationId").GetGuid();
        RepoId = (await CreateAsync("/api/v1/repos", new { name = "conformance", computeEnvironmentId = EnvironmentId })).GetProperty("id").GetGuid();
        GroupId = (await CreateAsync("/api/v1/groups", new { name = "Conformance", description = "" })).GetProperty("id").GetGuid();
        TokenId = (await CreateAsync("/api/v1/tokens", new { name = "conformance" })).GetProperty("id").GetGuid();
        ScimTokenId = (await CreateAsync("/api/v1/scim-tokens", new { name = "conformance", expiresInDays = 30 })).GetProperty("token").GetProperty("id").GetGuid();
        var webhook = await CreateAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/conformance", description = "", eventTypes = new[] { "environment.updated" } });
        WebhookId = webhook.GetProperty("endpoint").GetProperty("id").GetGuid();
        await CreateAsync($"/api/v1/webhooks/{WebhookId}/test", new { });
        // The sequencer makes the delivery just after the event commits.
        await Eventually.HoldsAsync(async () =>
        {
            var deliveries = (await (await Admin.GetAsync($"/api/v1/webhooks/{WebhookId}/deliveries", Ct)).JsonAsync()).GetProperty("items");
            if (deliveries.GetArrayLength() == 0)
                return false;
            DeliveryId = deliveries[0].GetProperty("id").GetGuid();
            return true;
        }, "the test event's delivery");
    }

    private async Task<JsonElement> CreateAsync(string path, object body)
    {
        var response = await Admin.PostAsJsonAsync(path, body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.JsonAsync();
    }

    /// <summary>The caller an operation is meant for: staff for the support routes, nobody for the open ones, else the admin.</summary>
    public HttpClient CallerOf(ApiOperation operation) =>
        operation.IsAnonymous ? Anonymous
        : operation.Path.StartsWith("/api/v1/support/", StringComparison.Ordinal) ? Staff
        : Admin;

    /// <summary>The id of this world's thing that a path parameter names; a new kind of path must be taught here.</summary>
    public Guid IdFor(ApiOperation operation, string parameter) => parameter switch
    {
        "userId" => MemberId,
        "groupId" => GroupId,
        "deliveryId" => DeliveryId,
        "id" => operation.Path.Split('/')[3] switch
        {
            "tokens" => TokenId,
            "compute-environments" => EnvironmentId,
            "operations" => OperationId,
            "users" => MemberId,
            "repos" => RepoId,
            "groups" => GroupId,
            "scim-tokens" => ScimTokenId,
            "webhooks" => WebhookId,
            var other => throw new InvalidOperationException($"{operation}: the conformance world has no '{other}' to name."),
        },
        _ => throw new InvalidOperationException($"{operation}: the conformance world has no value for the path parameter '{parameter}'."),
    };
}
