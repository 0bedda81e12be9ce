using System.Net;
using System.Net.Http.Json;
using DataTricks.Domain.Infrastructure.Seeding;
using DataTricks.Domain.Users;
using DataTricks.Portal.Security;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Builder;
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

/// <summary>
/// A portal where 3 wrong passwords in a row are free and further ones make the address wait (1 s, 2 s, … up to a
/// minute of the fake clock), counting every password check it makes. A request names its client address in
/// <c>X-Test-Client-Address</c>, as if it came from there.
/// </summary>
public sealed class BackoffPortalFactory : PortalFactory
{
    public const string AddressHeader = "X-Test-Client-Address";

    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:SignInFreeFailures", "3");
        builder.UseSetting("RateLimiting:SignInMaxDelay", "00:01:00");
        builder.ConfigureTestServices(services => services
            .AddSingleton<IPasswordHasher<User>>(Hasher)
            .AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader], out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
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

public sealed class SignInBackoffTests(BackoffPortalFactory factory) : IClassFixture<BackoffPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Attacker = "203.0.113.7";
    private const string Owner = "198.51.100.20";

    [Fact]
    public async Task The_owner_signs_in_at_once_while_an_attackers_guesses_keep_failing()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (userId, member) = await customer.AddUserAsync("Member");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(member, "Wrong-Passw0rd!", Attacker)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(member, "Wrong-Passw0rd!", Attacker)).StatusCode);
        var paused = await TokenAsync(member, TestCustomer.Password, Attacker);

        Assert.Equal(HttpStatusCode.TooManyRequests, paused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), paused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(member, TestCustomer.Password, Owner)).StatusCode);

        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(member, "Wrong-Passw0rd!", Attacker)).StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), (await TokenAsync(member, "Wrong-Passw0rd!", Attacker)).Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(member, TestCustomer.Password, Owner)).StatusCode);

        var events = await factory.WithDatabaseAsync(db => db.AuditEvents
            .Where(e => e.CustomerId == customer.Id && e.TargetId == userId.ToString()).Select(e => new { e.Action, e.Details }).ToListAsync(Ct));
        Assert.Equal(5, events.Count(e => e.Action == "signin.failed"));
        Assert.All(events.Where(e => e.Action == "signin.failed"), e => Assert.Contains($"(from {Attacker})", e.Details));
        Assert.Contains(Attacker, Assert.Single(events, e => e.Action == "signin.slowed").Details);
    }

    [Fact]
    public async Task No_number_of_wrong_passwords_locks_the_account()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (_, member) = await customer.AddUserAsync("Member");

        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(member, "Wrong-Passw0rd!", Attacker)).StatusCode);
            factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(member, TestCustomer.Password, Owner)).StatusCode);
        var attackerWait = (await TokenAsync(member, "Wrong-Passw0rd!", Attacker)).StatusCode;
        Assert.Equal(HttpStatusCode.Unauthorized, attackerWait);
        Assert.Equal(TimeSpan.FromMinutes(1), (await TokenAsync(member, TestCustomer.Password, Attacker)).Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task An_unknown_address_is_paused_exactly_like_a_real_one()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (_, member) = await customer.AddUserAsync("Member");
        var unknown = $"nobody-{Guid.NewGuid():N}@nowhere.test";

        var real = new List<HttpStatusCode>();
        var made = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            real.Add((await TokenAsync(member, "Wrong-Passw0rd!", Attacker)).StatusCode);
            made.Add((await TokenAsync(unknown, "Wrong-Passw0rd!", Attacker)).StatusCode);
        }

        Assert.Equal(real, made);
        Assert.Equal(HttpStatusCode.TooManyRequests, made[^1]);
    }

    [Fact]
    public async Task Unknown_deactivated_and_wrong_all_cost_a_password_check_and_read_the_same()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (deactivatedId, deactivated) = await customer.AddUserAsync("Member");
        Assert.Equal(HttpStatusCode.OK, (await (await customer.AdminAsync()).PatchAsJsonAsync($"/api/v1/users/{deactivatedId}", new { isActive = false }, Ct)).StatusCode);

        var wrong = await MeasuredAsync(() => TokenAsync(customer.AdminEmail, "Wrong-Passw0rd!", Owner));
        var unknown = await MeasuredAsync(() => TokenAsync("nobody-at-all@nowhere.test", "Wrong-Passw0rd!", Owner));
        var inactive = await MeasuredAsync(() => TokenAsync(deactivated, TestCustomer.Password, Owner));

        foreach (var (response, checks) in new[] { wrong, unknown, inactive })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(SignInAttempt.FailedMessage, (await response.JsonAsync()).GetProperty("detail").GetString());
            Assert.Equal(1, checks);
        }
    }

    [Fact]
    public async Task The_owner_is_told_at_their_next_sign_in_that_someone_tried_their_password()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var (_, member) = await customer.AddUserAsync("Member");
        var before = await PortalBrowser.SignInAsync(factory, member, TestCustomer.Password);
        Assert.DoesNotContain("sign-in-notice", await before.PageAsync("/"));
        factory.Time.Advance(TimeSpan.FromMinutes(5));

        for (var i = 0; i < 2; i++)
            await TokenAsync(member, "Wrong-Passw0rd!", Attacker);
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var next = await PortalBrowser.SignInAsync(factory, member, TestCustomer.Password);

        var page = await next.PageAsync("/");
        Assert.Contains("sign-in-notice", page);
        Assert.Contains("There were 2 failed attempts", page);
        Assert.Contains(Attacker, page);
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var later = await PortalBrowser.SignInAsync(factory, member, TestCustomer.Password);
        Assert.DoesNotContain("sign-in-notice", await later.PageAsync("/"));
    }

    private async Task<(HttpResponseMessage Response, int Checks)> MeasuredAsync(Func<Task<HttpResponseMessage>> attempt)
    {
        var before = factory.Hasher.Verifications;
        var response = await attempt();
        return (response, factory.Hasher.Verifications - before);
    }

    private Task<HttpResponseMessage> TokenAsync(string email, string password, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(BackoffPortalFactory.AddressHeader, address);
        return factory.CreateClient().SendAsync(request, Ct);
    }
}
