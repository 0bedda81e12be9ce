using System.Net;
using System.Net.Http.Json;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>
/// Every write route of the API, called by support staff acting in a customer: what the allowlist names answers as it
/// would for the customer's admin; the rest is refused with a 403, audited, and changes nothing of the customer.
/// </summary>
public sealed class ImpersonationLimitsTests(SlowCloudPortalFactory factory) : IClassFixture<SlowCloudPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a write route does for staff acting in a customer: the status of an allowed call, or the words of the refused attempt.</summary>
    private sealed record Expected(HttpStatusCode? Allowed = null, string? RefusedAttempt = null);

    private static Expected Allowed(HttpStatusCode status) => new(Allowed: status);
    private static Expected Refused(string attempt) => new(RefusedAttempt: attempt);

    /// <summary>Routes that are no write inside a customer: staff use them as themselves, or nobody is signed in.</summary>
    private static readonly HashSet<string> OutsideAnyCustomer =
    [
        "POST /api/v1/signup",
        "POST /api/v1/auth/token",
        "POST /api/v1/support/impersonation",
        "DELETE /api/v1/support/impersonation",
        "POST /account/logout",
    ];

    /// <summary>SCIM's writes: only a customer's directory reaches them, with its own token (see <c>ScimUsersTests</c>).</summary>
    private static readonly HashSet<string> DirectoryOnly =
    [
        "POST /scim/v2/Users", "PUT /scim/v2/Users/{id}", "PATCH /scim/v2/Users/{id}", "DELETE /scim/v2/Users/{id}",
        "POST /scim/v2/Groups", "PUT /scim/v2/Groups/{id}", "PATCH /scim/v2/Groups/{id}", "DELETE /scim/v2/Groups/{id}",
    ];

    private static readonly Dictionary<string, Expected> WriteRoutes = new()
    {
        ["POST /api/v1/scim-tokens/"] = Refused("create or revoke SCIM tokens"),
        ["DELETE /api/v1/scim-tokens/{id:guid}"] = Refused("create or revoke SCIM tokens"),
        ["POST /api/v1/users/{id:guid}/detach"] = Refused("take users from the directory's keeping"),
        ["POST /api/v1/webhooks/"] = Refused("add, change or delete webhook endpoints or rotate their secrets"),
        ["PATCH /api/v1/webhooks/{id:guid}"] = Refused("add, change or delete webhook endpoints or rotate their secrets"),
        ["DELETE /api/v1/webhooks/{id:guid}"] = Refused("add, change or delete webhook endpoints or rotate their secrets"),
        ["POST /api/v1/webhooks/{id:guid}/rotate-secret"] = Refused("add, change or delete webhook endpoints or rotate their secrets"),
        ["POST /api/v1/webhooks/{id:guid}/test"] = Refused("send test events or redeliver events"),
        ["POST /api/v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}/redeliver"] = Refused("send test events or redeliver events"),
        ["PATCH /api/v1/customer/"] = Allowed(HttpStatusCode.OK),
        ["PUT /api/v1/customer/support-access/"] = Refused("view or change support access"),
        ["DELETE /api/v1/customer/support-access/"] = Refused("view or change support access"),
        ["PUT /api/v1/customer/sso/"] = Refused("change single sign-on"),
        ["DELETE /api/v1/customer/sso/"] = Refused("change single sign-on"),
        // A test reads a provider's documents and changes nothing.
        ["POST /api/v1/customer/sso/test"] = Allowed(HttpStatusCode.OK),
        ["POST /api/v1/users/"] = Refused("create users"),
        ["PATCH /api/v1/users/{id:guid}"] = Refused("change roles or active state"),
        ["POST /api/v1/users/{id:guid}/reset-password"] = Refused("reset passwords"),
        ["POST /api/v1/users/{id:guid}/sign-out"] = Refused("sign users out"),
        ["DELETE /api/v1/users/{id:guid}"] = Refused("delete users"),
        ["POST /api/v1/tokens/"] = Refused("create access tokens"),
        ["DELETE /api/v1/tokens/{id:guid}"] = Refused("revoke access tokens"),
        ["POST /api/v1/repos/"] = Allowed(HttpStatusCode.Created),
        ["PATCH /api/v1/repos/{id:guid}"] = Allowed(HttpStatusCode.OK),
        ["DELETE /api/v1/repos/{id:guid}"] = Refused("delete repos"),
        ["PUT /api/v1/repos/{id:guid}/members/{userId:guid}"] = Refused("change who may use a repo"),
        ["DELETE /api/v1/repos/{id:guid}/members/{userId:guid}"] = Refused("change who may use a repo"),
        ["PUT /api/v1/repos/{id:guid}/groups/{groupId:guid}"] = Refused("change who may use a repo"),
        ["DELETE /api/v1/repos/{id:guid}/groups/{groupId:guid}"] = Refused("change who may use a repo"),
        ["POST /api/v1/groups/"] = Refused("create, rename or delete groups"),
        ["PATCH /api/v1/groups/{id:guid}"] = Refused("create, rename or delete groups"),
        ["DELETE /api/v1/groups/{id:guid}"] = Refused("create, rename or delete groups"),
        ["PUT /api/v1/groups/{id:guid}/members/{userId:guid}"] = Refused("change who is in a group"),
        ["DELETE /api/v1/groups/{id:guid}/members/{userId:guid}"] = Refused("change who is in a group"),
        ["POST /api/v1/compute-environments/"] = Allowed(HttpStatusCode.Accepted),
        ["PATCH /api/v1/compute-environments/{id:guid}"] = Allowed(HttpStatusCode.OK),
        // Allowed, and so answered by the lifecycle: the environment is still being created, so it is neither Failed nor Degraded.
        ["POST /api/v1/compute-environments/{id:guid}/retry"] = Allowed(HttpStatusCode.Conflict),
        ["POST /api/v1/compute-environments/{id:guid}/repair"] = Allowed(HttpStatusCode.Conflict),
        // The environment is still being created, so deleting it is canceling its create, which support may do; the
        // repo bound to it then refuses the delete. Deleting a created environment is refused (EnvironmentDeletionTests).
        ["DELETE /api/v1/compute-environments/{id:guid}"] = Allowed(HttpStatusCode.Conflict),
        ["POST /api/v1/operations/{id:guid}/cancel"] = Allowed(HttpStatusCode.Accepted),
    };

    public static TheoryData<string> Routes => [.. WriteRoutes.Keys];

    [Fact]
    public void Every_write_route_is_decided_for_staff_acting_in_a_customer()
    {
        var writeMethods = new HashSet<string> { "POST", "PUT", "PATCH", "DELETE" };
        // Pages answer POST too (their server-rendered forms); what they change goes through the same services, walked below.
        var served = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(writeMethods.Contains)
                .Select(method => $"{method} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();

        Assert.Equal(served.Order(), WriteRoutes.Keys.Concat(OutsideAnyCustomer).Concat(DirectoryOnly).Order());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Staff_acting_in_a_customer_may_make_only_the_writes_of_the_allowlist(string route)
    {
        var world = await CustomerWorld.CreateAsync(factory);
        var before = await world.FingerprintAsync();

        var response = await world.Support.SendAsync(world.Request(route), Ct);

        var expected = WriteRoutes[route];
        var refusals = await factory.WithDatabaseAsync(db => db.AuditEvents
            .Where(e => e.CustomerId == world.CustomerId && e.Action == "impersonation.refused").ToListAsync(Ct));
        if (expected.Allowed is { } status)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Empty(refusals);
            return;
        }
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("impersonation-refused", problem.GetProperty("code").GetString());
        Assert.Contains("while impersonating", problem.GetProperty("detail").GetString());
        var refusal = Assert.Single(refusals);
        Assert.Equal(world.StaffId, refusal.ImpersonatorUserId);
        Assert.Equal($"Refused while impersonating: {expected.RefusedAttempt}", refusal.Details);
        Assert.Equal(before, await world.FingerprintAsync());
    }

    [Fact]
    public async Task Staff_acting_in_a_customer_may_read_its_webhooks_and_events()
    {
        var world = await CustomerWorld.CreateAsync(factory);

        var endpoints = await world.Support.GetAsync("/api/v1/webhooks", Ct);
        var deliveries = await world.Support.GetAsync($"/api/v1/webhooks/{world.WebhookId}/deliveries", Ct);
        var events = await world.Support.GetAsync("/api/v1/events", Ct);

        Assert.Equal(HttpStatusCode.OK, endpoints.StatusCode);
        var endpoint = (await endpoints.JsonAsync()).GetProperty("items")[0];
        Assert.Equal(world.WebhookId, endpoint.GetProperty("id").GetGuid());
        Assert.False(endpoint.TryGetProperty("secret", out _));
        Assert.Equal(world.DeliveryId, (await deliveries.JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.All((await events.JsonAsync()).GetProperty("items").EnumerateArray(), e => Assert.Equal(world.CustomerId, e.GetProperty("customerId").GetGuid()));
    }

    [Fact]
    public async Task What_staff_were_allowed_to_do_is_audited_as_acting_in_the_customer()
    {
        var world = await CustomerWorld.CreateAsync(factory);

        Assert.Equal(HttpStatusCode.OK, (await world.Support.PatchAsJsonAsync($"/api/v1/users/{world.MemberId}", new { displayName = "Renamed by support" }, Ct)).StatusCode);

        var admin = await world.Customer.AdminAsync();
        var name = (await (await admin.GetAsync("/api/v1/customer", Ct)).JsonAsync()).GetProperty("name").GetString();
        var events = (await (await admin.GetAsync("/api/v1/audit-events", Ct)).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var rename = Assert.Single(events, e => e.GetProperty("action").GetString() == "user.update");
        Assert.Equal($"{ApiClients.Support} acting in {name}", rename.GetProperty("actor").GetString());
    }

    [Theory]
    [InlineData("role", "Admin")]
    [InlineData("isActive", false)]
    public async Task A_user_change_that_touches_rights_is_refused_to_staff_even_with_a_new_name(string field, object value)
    {
        var world = await CustomerWorld.CreateAsync(factory);
        var before = await world.FingerprintAsync();

        var response = await world.Support.PatchAsJsonAsync($"/api/v1/users/{world.MemberId}",
            new Dictionary<string, object> { ["displayName"] = "Renamed by support", [field] = value }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await world.FingerprintAsync());
    }

    /// <summary>
    /// A customer of the test's own with a member, a repo on an environment still being created, a second environment,
    /// an admin's token, support access granted, and staff impersonating it.
    /// </summary>
    private sealed class CustomerWorld
    {
        private readonly PortalFactory _factory;

        private CustomerWorld(PortalFactory factory) => _factory = factory;

        public required TestCustomer Customer { get; init; }
        public required HttpClient Support { get; init; }
        public required Guid StaffId { get; init; }
        public required Guid MemberId { get; init; }
        public required Guid EnvironmentId { get; init; }
        /// <summary>The create operation of a second environment, one no repo is bound to, so that canceling it is allowed.</summary>
        public required Guid UnboundOperationId { get; init; }
        public required Guid RepoId { get; init; }
        public required Guid GroupId { get; init; }
        public required Guid TokenId { get; init; }
        public required Guid ScimTokenId { get; init; }
        public required Guid WebhookId { get; init; }
        public required Guid DeliveryId { get; init; }
        public Guid CustomerId => Customer.Id;

        public static async Task<CustomerWorld> CreateAsync(PortalFactory factory)
        {
            var customer = await TestCustomer.SignUpAsync(factory);
            var (memberId, _) = await customer.AddUserAsync("Member");
            var admin = await customer.AdminAsync();
            var environment = await admin.CreatedEnvironmentAsync("env-a");
            var environmentId = environment.GetProperty("id").GetGuid();
            var repo = await admin.PostAsJsonAsync("/api/v1/repos", new { name = "Repo A", computeEnvironmentId = environmentId }, Ct);
            var repoId = (await repo.JsonAsync()).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/v1/repos/{repoId}/members/{memberId}", null, Ct)).StatusCode);
            var group = (await (await admin.PostAsJsonAsync("/api/v1/groups", new { name = "Team A" }, Ct)).JsonAsync()).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/v1/groups/{group}/members/{memberId}", null, Ct)).StatusCode);
            var token = await admin.PostAsJsonAsync("/api/v1/tokens", new { name = "ci" }, Ct);
            var scimToken = await admin.PostAsJsonAsync("/api/v1/scim-tokens", new { name = "Okta" }, Ct);
            var webhook = (await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "user.created" } }, Ct))
                .JsonAsync()).GetProperty("endpoint").GetProperty("id").GetGuid();
            var deliveryId = await WebhookDeliveries.TestDeliveryAsync(admin, webhook);
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/customer/support-access", new { expiresAt = factory.Time.GetUtcNow().AddDays(1) }, Ct)).StatusCode);
            var support = await factory.SignedInAsync(ApiClients.Support);
            var started = await support.PostAsJsonAsync("/api/v1/support/impersonation", new { customerId = customer.Id, reason = "Ticket 77" }, Ct);
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            return new CustomerWorld(factory)
            {
                Customer = customer,
                Support = support,
                StaffId = await factory.WithDatabaseAsync(db => db.Users.Where(u => u.Email == ApiClients.Support).Select(u => u.Id).SingleAsync(Ct)),
                MemberId = memberId,
                EnvironmentId = environmentId,
                UnboundOperationId = (await admin.CreatedEnvironmentAsync("env-unbound")).GetProperty("operationId").GetGuid(),
                RepoId = repoId,
                GroupId = group,
                TokenId = (await token.JsonAsync()).GetProperty("id").GetGuid(),
                ScimTokenId = (await scimToken.JsonAsync()).GetProperty("token").GetProperty("id").GetGuid(),
                WebhookId = webhook,
                DeliveryId = deliveryId,
            };
        }

        /// <summary>A call of <paramref name="route"/> that would succeed for the customer's admin.</summary>
        public HttpRequestMessage Request(string route)
        {
            var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
            var path = template
                .Replace("/api/v1/users/{id:guid}", $"/api/v1/users/{MemberId}")
                .Replace("/api/v1/tokens/{id:guid}", $"/api/v1/tokens/{TokenId}")
                .Replace("/api/v1/scim-tokens/{id:guid}", $"/api/v1/scim-tokens/{ScimTokenId}")
                .Replace("/api/v1/repos/{id:guid}", $"/api/v1/repos/{RepoId}")
                .Replace("/api/v1/groups/{id:guid}", $"/api/v1/groups/{GroupId}")
                .Replace("/api/v1/webhooks/{id:guid}", $"/api/v1/webhooks/{WebhookId}")
                .Replace("{deliveryId:guid}", DeliveryId.ToString())
                .Replace("{groupId:guid}", GroupId.ToString())
                .Replace("{userId:guid}", MemberId.ToString())
                .Replace("/api/v1/compute-environments/{id:guid}", $"/api/v1/compute-environments/{EnvironmentId}")
                .Replace("/api/v1/operations/{id:guid}", $"/api/v1/operations/{UnboundOperationId}")
                .TrimEnd('/');
            object? body = route switch
            {
                "PATCH /api/v1/customer/" => new { name = $"Renamed {Guid.NewGuid():N}" },
                "PUT /api/v1/customer/support-access/" => new { expiresAt = _factory.Time.GetUtcNow().AddDays(30) },
                "PUT /api/v1/customer/sso/" => new { issuer = "https://login.backdoor.test", clientId = "backdoor", clientSecret = "backdoor", domains = new[] { "backdoor.test" } },
                "POST /api/v1/customer/sso/test" => new { issuer = "https://127.0.0.1:9" },
                "POST /api/v1/users/" => new { email = $"backdoor-{Guid.NewGuid():N}@customer.test", role = "Admin", password = TestCustomer.Password },
                "PATCH /api/v1/users/{id:guid}" => new { role = "Admin" },
                "POST /api/v1/users/{id:guid}/reset-password" => new { password = "Backd00r-Passw0rd!" },
                "POST /api/v1/tokens/" => new { name = "backdoor" },
                "POST /api/v1/scim-tokens/" => new { name = "backdoor" },
                "POST /api/v1/webhooks/" => new { url = "http://127.0.0.1:9/backdoor", eventTypes = new[] { "user.created" } },
                "PATCH /api/v1/webhooks/{id:guid}" => new { url = "http://127.0.0.1:9/backdoor" },
                "POST /api/v1/repos/" => new { name = "Repo B", computeEnvironmentId = EnvironmentId },
                "PATCH /api/v1/repos/{id:guid}" => new { description = "Described by support" },
                "POST /api/v1/groups/" => new { name = "Team B" },
                "PATCH /api/v1/groups/{id:guid}" => new { name = "Team renamed" },
                "POST /api/v1/compute-environments/" => new { name = "env-b", cloud = "Aws", region = "us-east-1" },
                "PATCH /api/v1/compute-environments/{id:guid}" => new { name = "env-renamed" },
                _ => null,
            };
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
                request.Content = JsonContent.Create(body);
            return request;
        }

        /// <summary>Everything of the customer but its audit log, as text, to show that a refused call changed nothing.</summary>
        public Task<string> FingerprintAsync() => _factory.WithDatabaseAsync(async db =>
        {
            var id = CustomerId;
            var rows = new List<string>();
            rows.AddRange(await db.Customers.Where(c => c.Id == id).Select(c => "customer " + c.Name).ToListAsync(Ct));
            rows.AddRange((await db.Users.Where(u => u.CustomerId == id)
                .Select(u => new { u.Id, u.DisplayName, u.IsActive, u.SecurityStamp, u.SessionStamp, u.PasswordHash }).ToListAsync(Ct)).Select(u => "user " + u));
            rows.AddRange((await db.UserRoles.Where(r => db.Users.Any(u => u.Id == r.UserId && u.CustomerId == id)).ToListAsync(Ct)).Select(r => $"role {r.UserId} {r.RoleId}"));
            rows.AddRange((await db.Repos.Where(r => r.CustomerId == id).Select(r => new { r.Id, r.Name, r.Description, r.ComputeEnvironmentId }).ToListAsync(Ct)).Select(r => "repo " + r));
            rows.AddRange((await db.RepoMembers.Where(m => m.CustomerId == id).Select(m => new { m.RepoId, m.UserId }).ToListAsync(Ct)).Select(m => "member " + m));
            rows.AddRange((await db.Groups.Where(g => g.CustomerId == id).Select(g => new { g.Id, g.Name, g.Version }).ToListAsync(Ct)).Select(g => "group " + g));
            rows.AddRange((await db.GroupMembers.Where(m => m.CustomerId == id).Select(m => new { m.GroupId, m.UserId }).ToListAsync(Ct)).Select(m => "group member " + m));
            rows.AddRange((await db.RepoGroupGrants.Where(g => g.CustomerId == id).Select(g => new { g.RepoId, g.GroupId }).ToListAsync(Ct)).Select(g => "shared " + g));
            // Not their status: the worker moves environments on meanwhile. What a write would start is an operation.
            rows.AddRange((await db.ComputeEnvironments.Where(e => e.CustomerId == id).Select(e => new { e.Id, e.Name, e.MinWorkers, e.MaxWorkers }).ToListAsync(Ct)).Select(e => "environment " + e));
            rows.AddRange((await db.Operations.Where(o => o.CustomerId == id).Select(o => new { o.Id, o.Kind }).ToListAsync(Ct)).Select(o => "operation " + o));
            rows.AddRange((await db.PersonalAccessTokens.Where(t => t.CustomerId == id).Select(t => new { t.Id, t.RevokedAt }).ToListAsync(Ct)).Select(t => "token " + t));
            rows.AddRange((await db.ScimTokens.Where(t => t.CustomerId == id).Select(t => new { t.Id, t.RevokedAt }).ToListAsync(Ct)).Select(t => "scim token " + t));
            rows.AddRange((await db.WebhookEndpoints.Where(w => w.CustomerId == id)
                .Select(w => new { w.Id, w.Url, w.Description, w.Enabled, w.ProtectedSecret }).ToListAsync(Ct)).Select(w => "webhook " + w));
            rows.AddRange((await db.CustomerEvents.Where(e => e.CustomerId == id && e.Type == "webhook.test").Select(e => e.Id).ToListAsync(Ct)).Select(e => "test event " + e));
            rows.AddRange((await db.SupportAccessGrants.Where(g => g.CustomerId == id).Select(g => new { g.Id, g.ExpiresAt, g.EndedAt }).ToListAsync(Ct)).Select(g => "grant " + g));
            rows.Sort(StringComparer.Ordinal);
            return string.Join("\n", rows);
        });
    }
}
