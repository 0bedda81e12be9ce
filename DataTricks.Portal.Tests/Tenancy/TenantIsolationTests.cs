using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Tenancy;

/// <summary>
/// The isolation matrix: Acme's admin calls every API route that takes an id with an id of Globex's.
/// Each must answer 404, exactly as for an id that does not exist, and leave Globex's data as it was.
/// </summary>
public sealed class TenantIsolationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Method, route with {id}, the kind of Globex object whose id fills it, and a body for writes.</summary>
    public static TheoryData<string, string, string, string?> RoutesTakingAnId => new()
    {
        { "DELETE", "/api/v1/tokens/{id}", "token", null },
        { "GET", "/api/v1/compute-environments/{id}", "environment", null },
        { "PATCH", "/api/v1/compute-environments/{id}", "environment", """{"maxWorkers":3}""" },
        { "DELETE", "/api/v1/compute-environments/{id}", "environment", null },
        { "POST", "/api/v1/compute-environments/{id}/retry", "environment", null },
        { "GET", "/api/v1/operations/{id}", "operation", null },
        { "POST", "/api/v1/operations/{id}/cancel", "operation", null },
        { "GET", "/api/v1/users/{id}", "user", null },
        { "PATCH", "/api/v1/users/{id}", "user", """{"displayName":"Hijacked","role":"Admin","isActive":false}""" },
        { "DELETE", "/api/v1/users/{id}", "user", null },
        { "GET", "/api/v1/repos/{id}", "repo", null },
        { "PATCH", "/api/v1/repos/{id}", "repo", """{"name":"Hijacked"}""" },
        { "DELETE", "/api/v1/repos/{id}", "repo", null },
        { "GET", "/api/v1/repos/{id}/members", "repo", null },
        { "PUT", "/api/v1/repos/{id}/members/{own-user}", "repo", null },
        { "DELETE", "/api/v1/repos/{id}/members/{member}", "repo", null },
    };

    [Theory]
    [MemberData(nameof(RoutesTakingAnId))]
    public async Task A_foreign_id_answers_404_like_an_unknown_one_and_changes_nothing(string method, string route, string kind, string? body)
    {
        var foreignId = await GlobexIdAsync(kind);
        var acme = await factory.SignedInAsync(ApiClients.AcmeAdmin);
        var before = await GlobexSnapshotAsync();

        route = route.Replace("{own-user}", (await UserIdAsync(ApiClients.AcmeMember)).ToString())
            .Replace("{member}", (await UserIdAsync("gina@globex.test")).ToString());
        var foreign = await acme.SendAsync(Request(method, route.Replace("{id}", foreignId.ToString()), body), Ct);
        var unknown = await acme.SendAsync(Request(method, route.Replace("{id}", Guid.NewGuid().ToString()), body), Ct);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await ProblemAsync(unknown), await ProblemAsync(foreign));
        Assert.Equal(before, await GlobexSnapshotAsync());
    }

    [Fact]
    public async Task Listings_show_only_the_callers_customer()
    {
        var globex = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        await globex.PostAsJsonAsync("/api/v1/tokens", new { name = "globex-only" }, Ct);
        var acme = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var tokens = await (await acme.GetAsync("/api/v1/tokens", Ct)).Content.ReadAsStringAsync(Ct);
        var audit = await (await acme.GetAsync("/api/v1/audit-events", Ct)).Content.ReadAsStringAsync(Ct);
        var customer = await (await acme.GetAsync("/api/v1/customer", Ct)).JsonAsync();

        Assert.DoesNotContain("globex-only", tokens);
        Assert.DoesNotContain("globex-only", audit);
        Assert.DoesNotContain(ApiClients.GlobexAdmin, audit);
        Assert.Equal("Acme Analytics", customer.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("repo", "/repos/{0}")]
    [InlineData("environment", "/environments/{0}")]
    public async Task Another_customers_page_answers_404_like_one_that_does_not_exist(string kind, string page)
    {
        var foreignId = await GlobexIdAsync(kind);
        var browser = await PortalBrowser.SignInAsync(factory, ApiClients.AcmeAdmin, DataTricks.Domain.Infrastructure.Seeding.DemoSeedOptions.DemoPassword);

        var foreign = await browser.GetAsync(string.Format(page, foreignId));
        var unknown = await browser.GetAsync(string.Format(page, Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain(kind == "repo" ? "Finance Reports" : "globex-", await foreign.Content.ReadAsStringAsync(Ct));
    }

    private async Task<Guid> GlobexIdAsync(string kind)
    {
        var globex = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        if (kind == "user")
            return await UserIdAsync("gina@globex.test");
        if (kind == "repo")
            return await factory.WithDatabaseAsync(db => db.Repos.Where(r => r.Name == "Finance Reports").Select(r => r.Id).SingleAsync(Ct));
        if (kind == "token")
        {
            var token = await globex.PostAsJsonAsync("/api/v1/tokens", new { name = "globex token" }, Ct);
            Assert.Equal(HttpStatusCode.Created, token.StatusCode);
            return (await token.JsonAsync()).GetProperty("id").GetGuid();
        }
        // Settled first, so the worker does not change Globex's rows while the test compares them.
        var environment = await globex.CreatedEnvironmentAsync($"globex-{Guid.NewGuid():N}"[..20]);
        await globex.WaitForStatusAsync(environment.GetProperty("id").GetGuid(), "Ready");
        return environment.GetProperty(kind == "environment" ? "id" : "operationId").GetGuid();
    }

    /// <summary>Every Globex row of every tenant-owned table, serialized: equal snapshots mean nothing changed.</summary>
    private Task<string> GlobexSnapshotAsync() => factory.WithDatabaseAsync(async db =>
    {
        var globex = await db.Customers.Where(c => c.Name == "Globex").Select(c => c.Id).SingleAsync(Ct);
        var snapshot = new
        {
            customer = await db.Customers.Where(c => c.Id == globex).ToListAsync(Ct),
            users = await db.Users.Where(x => x.CustomerId == globex).OrderBy(x => x.Id).Select(x => new { x.Id, x.Email, x.DisplayName, x.IsActive, x.SecurityStamp }).ToListAsync(Ct),
            environments = await db.ComputeEnvironments.Where(x => x.CustomerId == globex).OrderBy(x => x.Id).ToListAsync(Ct),
            repos = await db.Repos.Where(x => x.CustomerId == globex).OrderBy(x => x.Id).ToListAsync(Ct),
            members = await db.RepoMembers.Where(x => x.CustomerId == globex).OrderBy(x => x.RepoId).ThenBy(x => x.UserId).ToListAsync(Ct),
            operations = await db.Operations.Where(x => x.CustomerId == globex).OrderBy(x => x.Id).ToListAsync(Ct),
            tokens = await db.PersonalAccessTokens.Where(x => x.CustomerId == globex).OrderBy(x => x.Id).ToListAsync(Ct),
            audit = await db.AuditEvents.Where(x => x.CustomerId == globex).CountAsync(Ct),
        };
        return JsonSerializer.Serialize(snapshot);
    });

    private Task<Guid> UserIdAsync(string email) =>
        factory.WithDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));

    /// <summary>What a caller could tell two 404s apart by; the trace id differs per request and says nothing.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.JsonAsync();
        return $"{problem.GetProperty("status")}|{problem.GetProperty("title")}|{problem.GetProperty("detail")}";
    }

    private static HttpRequestMessage Request(string method, string url, string? body) =>
        new(new HttpMethod(method), url)
        {
            Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
}
