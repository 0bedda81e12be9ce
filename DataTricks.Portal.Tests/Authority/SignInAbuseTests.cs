using System.Net;
using System.Net.Http.Json;
using DataTricks.Domain.Seeding;
using DataTricks.Domain.Users;
using DataTricks.Portal.Security;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>A portal whose sign-in routes allow 5 attempts a minute per client address.</summary>
public sealed class AddressLimitedPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:SignInPerAddress", "5");
    }
}

/// <summary>A portal allowing 8 sign-in attempts a minute per account, counting every password check it makes.</summary>
public sealed class AccountLimitedPortalFactory : PortalFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:SignInPerAccount", "8");
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<User>>(Hasher));
    }
}

public sealed class CountingPasswordHasher : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class AddressRateLimitTests(AddressLimitedPortalFactory factory) : IClassFixture<AddressLimitedPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_sign_ins_from_one_address_gets_429_with_retry_after_while_the_portal_keeps_answering()
    {
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { email = ApiClients.AcmeAdmin, password = DemoSeedOptions.DemoPassword }, Ct)).StatusCode);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = ApiClients.AcmeAdmin, password = DemoSeedOptions.DemoPassword }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        // The same limit covers sign-up and the sign-in form from that address; loading the form is free.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/v1/signup",
            new { customerName = "Burst Co", adminEmail = "burst@burst.test", adminPassword = TestCustomer.Password }, Ct)).StatusCode);
        var browser = PortalBrowser.Open(factory);
        var form = await browser.SubmitSignInAsync(ApiClients.AcmeAdmin, DemoSeedOptions.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.True(form.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}

public sealed class AccountSignInTests(AccountLimitedPortalFactory factory) : IClassFixture<AccountLimitedPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Attempts_on_one_account_are_limited_without_touching_other_accounts()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (_, other) = await customer.AddUserAsync("Member");
        var client = factory.CreateClient();

        // Fewer wrong guesses than lock the account, then right ones: all count towards the account's limit.
        for (var i = 0; i < 8; i++)
            Assert.Equal(i < 3 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK,
                (await TokenAsync(client, other, i < 3 ? "Wrong-Passw0rd!" : TestCustomer.Password)).StatusCode);
        var limited = await TokenAsync(client, other, TestCustomer.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, customer.AdminEmail, TestCustomer.Password)).StatusCode);
    }

    [Fact]
    public async Task Unknown_locked_and_wrong_all_cost_a_password_check_and_read_the_same()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (_, locked) = await customer.AddUserAsync("Member");
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
            await TokenAsync(client, locked, "Wrong-Passw0rd!");

        var wrong = await MeasuredAsync(() => TokenAsync(client, customer.AdminEmail, "Wrong-Passw0rd!"));
        var unknown = await MeasuredAsync(() => TokenAsync(client, "nobody-at-all@nowhere.test", "Wrong-Passw0rd!"));
        var lockedOut = await MeasuredAsync(() => TokenAsync(client, locked, TestCustomer.Password));

        foreach (var (response, checks) in new[] { wrong, unknown, lockedOut })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(SignInAttempt.FailedMessage, (await response.JsonAsync()).GetProperty("detail").GetString());
            Assert.Equal(1, checks);
        }
    }

    [Fact]
    public async Task Failed_sign_ins_and_the_lockout_are_audited_in_the_accounts_customer()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (userId, member) = await customer.AddUserAsync("Member");
        var client = factory.CreateClient();

        for (var i = 0; i < 5; i++)
            await TokenAsync(client, member, "Wrong-Passw0rd!");

        var events = await factory.WithDatabaseAsync(db => db.AuditEvents
            .Where(e => e.CustomerId == customer.Id && e.TargetId == userId.ToString()).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(5, events.Count(a => a == "signin.failed"));
        Assert.Single(events, a => a == "signin.lockout");
    }

    private async Task<(HttpResponseMessage Response, int Checks)> MeasuredAsync(Func<Task<HttpResponseMessage>> attempt)
    {
        var before = factory.Hasher.Verifications;
        var response = await attempt();
        return (response, factory.Hasher.Verifications - before);
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, Ct);
}
