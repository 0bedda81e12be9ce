using System.Net;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Hosting;

/// <summary>HEAD beside every GET, and a method a route does not take answered 405 with the methods it does.</summary>
public sealed class HttpMethodsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Head_answers_the_gets_status_and_etag_without_a_body()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var get = await admin.GetAsync("/api/v1/customer", Ct);
        var head = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/customer"), Ct);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_answers_405_listing_the_ones_it_does_head_among_them()
    {
        var admin = await factory.SignedInAsync(ApiClients.AcmeAdmin);

        var response = await admin.PutAsync("/api/v1/compute-environments", null, Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order());
        Assert.Equal("method-not-allowed", (await response.JsonAsync()).GetProperty("code").GetString());
    }
}
