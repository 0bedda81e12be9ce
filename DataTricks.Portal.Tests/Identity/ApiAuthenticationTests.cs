using System.Net;
using System.Net.Http.Json;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Portal.Tests.Identity;

public sealed class ApiAuthenticationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Auth_token_returns_a_bearer_access_token_that_the_api_accepts()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { email = ApiClients.AcmeAdmin, password = "Demo-Passw0rd!" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(factory.Time.GetUtcNow().AddHours(1), body.GetProperty("expiresAt").GetDateTimeOffset());
        var client = factory.WithBearer(body.GetProperty("accessToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_protected_with_keys_kept_in_the_shared_database()
    {
        await factory.SignedInAsync(ApiClients.GlobexAdmin);

        var keys = await factory.WithDatabaseAsync(db => db.DataProtectionKeys.CountAsync(Ct));

        Assert.True(keys >= 1, "No data protection key was stored in the database.");
    }

    [Theory]
    [InlineData("admin@acme.test", "wrong-password")]
    [InlineData("nobody@acme.test", "Demo-Passw0rd!")]
    [InlineData("", "")]
    public async Task Bad_credentials_are_a_401_problem(string email, string password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Wrong_passwords_from_elsewhere_never_lock_the_account()
    {
        await SignUpAsync("Lockout Co", "locked@lockout.test");
        for (var attempt = 0; attempt < 6; attempt++)
            await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "locked@lockout.test", password = "Wrong-Passw0rd!" }, Ct);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { email = "locked@lockout.test", password = "Str0ng-Password!" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await factory.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == "locked@lockout.test" && u.LockoutEnd != null, Ct)));
    }

    [Fact]
    public async Task A_request_without_a_token_or_with_a_forged_one_is_a_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer("forged").GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.WithBearer("dtp_abcdefgh_forged").GetAsync("/api/v1/customer", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_user_can_neither_get_a_token_nor_use_one_they_had()
    {
        await SignUpAsync("Leaver Co", "leaver@leaver.test");
        var client = await factory.SignedInAsync("leaver@leaver.test", "Str0ng-Password!");

        await factory.WithDatabaseAsync(db => db.Users.Where(u => u.Email == "leaver@leaver.test").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/customer", Ct)).StatusCode);
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "leaver@leaver.test", password = "Str0ng-Password!" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Members_read_the_customer_but_only_admins_rename_it()
    {
        var member = await factory.SignedInAsync(ApiClients.AcmeMember);

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/customer", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PatchAsJsonAsync("/api/v1/customer", new { name = "Hijacked" }, Ct)).StatusCode);
        var admin = await factory.SignedInAsync(ApiClients.GlobexAdmin);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PatchAsJsonAsync("/api/v1/customer", new { name = "acme analytics" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PatchAsJsonAsync("/api/v1/customer", new { name = "" }, Ct)).StatusCode);
    }

    private async Task SignUpAsync(string customerName, string email)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/signup",
            new { customerName, adminEmail = email, adminPassword = "Str0ng-Password!" }, Ct);
        response.EnsureSuccessStatusCode();
    }
}
