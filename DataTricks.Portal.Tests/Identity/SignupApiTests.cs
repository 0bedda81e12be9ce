using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Identity;

public sealed class SignupApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_up_creates_the_customer_and_an_admin_who_can_sign_in()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { customerName = "Initech", adminEmail = "boss@initech.test", adminPassword = "Str0ng-Password!", adminDisplayName = "Bill" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(Guid.TryParse(body.GetProperty("customerId").GetString(), out _));
        var admin = await factory.SignedInAsync("boss@initech.test", "Str0ng-Password!");
        var customer = await (await admin.GetAsync("/api/v1/customer", Ct)).JsonAsync();
        Assert.Equal("Initech", customer.GetProperty("name").GetString());
        Assert.Equal(1, customer.GetProperty("userCount").GetInt32());
    }

    [Theory]
    [InlineData("Acme Analytics", "new@new.test")]
    [InlineData("ACME analytics", "new2@new.test")]
    public async Task A_taken_customer_name_is_a_conflict(string customerName, string email)
    {
        var before = await CountsAsync();

        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { customerName, adminEmail = email, adminPassword = "Str0ng-Password!" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("Weak Co", "weak@weak.test", "short", "adminPassword")]
    [InlineData("Weak Co", "weak@weak.test", "alllowercaseletters", "adminPassword")]
    [InlineData("Weak Co", "not-an-email", "Str0ng-Password!", "adminEmail")]
    [InlineData("", "empty@empty.test", "Str0ng-Password!", "customerName")]
    public async Task Bad_input_is_a_400_with_field_errors_and_creates_nothing(string customerName, string email, string password, string field)
    {
        var before = await CountsAsync();

        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { customerName, adminEmail = email, adminPassword = password }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem_not_a_500()
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/signup",
            new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<(int, int)> CountsAsync() =>
        factory.WithDatabaseAsync(async db => (await db.Customers.CountAsync(), await db.Users.CountAsync()));
}
