using System.Net;
using DataTricks.Portal.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace DataTricks.Portal.Tests.Authority;

/// <summary>
/// A portal whose API lets a token make 3 requests and a customer 5, refilled one every 100 s: nothing refills while
/// a test runs.
/// </summary>
public sealed class ApiLimitedPortalFactory : PortalFactory
{
    public const int PerToken = 3;
    public const int PerCustomer = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:ApiPerToken:PermitsPerSecond", "0.01");
        builder.UseSetting("RateLimiting:ApiPerToken:Burst", PerToken.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:ApiPerCustomer:PermitsPerSecond", "0.01");
        builder.UseSetting("RateLimiting:ApiPerCustomer:Burst", PerCustomer.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Every authenticated API caller is held to its token's and its customer's limits, and sees them coming.</summary>
public sealed class ApiRateLimitTests(ApiLimitedPortalFactory factory) : IClassFixture<ApiLimitedPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Field(HttpResponseMessage response, string name) => string.Join(", ", response.Headers.GetValues(name));

    [Fact]
    public async Task Each_answer_says_what_is_left_and_past_the_tokens_limit_the_answer_is_429_with_retry_after()
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= ApiLimitedPortalFactory.PerToken; i++)
            answers.Add(await admin.GetAsync("/api/v1/customer", Ct));

        Assert.All(answers.Take(ApiLimitedPortalFactory.PerToken), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal("\"token\";q=3;w=300, \"customer\";q=5;w=500", Field(answers[0], "RateLimit-Policy"));
        Assert.Equal(["\"token\";r=2;t=100, \"customer\";r=4;t=100", "\"token\";r=1;t=200, \"customer\";r=3;t=200", "\"token\";r=0;t=300, \"customer\";r=2;t=300"],
            answers.Take(3).Select(a => Field(a, "RateLimit")));
        var refused = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(Field(refused, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("too-many-requests", (await refused.JsonAsync()).GetProperty("code").GetString());
        Assert.StartsWith("\"token\";r=0", Field(refused, "RateLimit"));
    }

    [Fact]
    public async Task The_tokens_of_one_customer_share_its_limit_and_another_customer_is_untouched()
    {
        var customer = await TestCustomer.SignUpAsync(factory);
        var first = await customer.AdminAsync();
        var second = await customer.AdminAsync();
        var stranger = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ApiLimitedPortalFactory.PerToken; i++)
            statuses.Add((await first.GetAsync("/api/v1/customer", Ct)).StatusCode);
        for (var i = 0; i < ApiLimitedPortalFactory.PerToken; i++)
            statuses.Add((await second.GetAsync("/api/v1/customer", Ct)).StatusCode);

        // 5 for the customer: the second token, with a request of its own left, is refused by the customer's limit.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, ApiLimitedPortalFactory.PerCustomer), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/api/v1/customer", Ct)).StatusCode);
    }
}
