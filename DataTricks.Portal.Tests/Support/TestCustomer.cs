using System.Net;
using System.Net.Http.Json;

namespace DataTricks.Portal.Tests.Support;

/// <summary>A customer of a test's own, signed up through the API, so the test owns every row it changes.</summary>
public sealed class TestCustomer
{
    public const string Password = "Test-Passw0rd!";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalFactory _factory;

    private TestCustomer(PortalFactory factory, Guid id, Guid adminId, string adminEmail)
    {
        _factory = factory;
        Id = id;
        AdminId = adminId;
        AdminEmail = adminEmail;
    }

    public Guid Id { get; }
    public Guid AdminId { get; }
    public string AdminEmail { get; }

    public static async Task<TestCustomer> SignUpAsync(PortalFactory factory)
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var email = $"admin-{tag}@customer.test";
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { customerName = $"Customer {tag}", adminEmail = email, adminPassword = Password }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        return new TestCustomer(factory, body.GetProperty("customerId").GetGuid(), body.GetProperty("userId").GetGuid(), email);
    }

    public Task<HttpClient> AdminAsync() => _factory.SignedInAsync(AdminEmail, Password);

    /// <summary>Adds a user with <paramref name="role"/> and the shared test password.</summary>
    public async Task<(Guid Id, string Email)> AddUserAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..12]}@customer.test";
        var response = await (await AdminAsync()).PostAsJsonAsync("/api/v1/users", new { email, displayName = role, role, password = Password }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.JsonAsync()).GetProperty("id").GetGuid(), email);
    }
}
