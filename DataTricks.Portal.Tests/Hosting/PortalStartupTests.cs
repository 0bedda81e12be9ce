using System.Net;
using DataTricks.Portal.Tests.Support;

namespace DataTricks.Portal.Tests.Hosting;

public sealed class PortalStartupTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Healthz_answers_healthy_when_the_database_answers()
    {
        var response = await factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Start_up_migrates_a_fresh_database_and_the_dashboard_shows_the_seeded_customers()
    {
        var html = await factory.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Acme Analytics", html);
        Assert.Contains("Globex", html);
        Assert.True(File.Exists(factory.ConnectionString["Data Source=".Length..]));
    }

    [Fact]
    public async Task Unknown_address_shows_the_not_found_page()
    {
        var response = await factory.CreateClient().GetAsync("/no-such-page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
