using System.Net;
using System.Net.Http.Json;
using DataTricks.Domain.Webhooks;
using DataTricks.Portal.Tests.Support;
using DataTricks.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Webhooks;

/// <summary>A portal as deployed: webhooks go to public addresses only, checked at creation and again at every connection.</summary>
public sealed class StrictWebhookPortalFactory : PortalFactory
{
    /// <summary>Answers the system's resolver, but for names a test points elsewhere (a name that rebinds).</summary>
    public sealed class SwitchableAddresses : IHostAddresses
    {
        private readonly DnsHostAddresses _dns = new();

        public Dictionary<string, IPAddress[]> Names { get; } = [];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : _dns.ResolveAsync(host, cancellationToken);
    }

    public SwitchableAddresses Addresses { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowPrivateTargets", "false");
        builder.ConfigureTestServices(services => services.AddSingleton<IHostAddresses>(Addresses));
    }
}

public sealed class WebhookAddressTests(StrictWebhookPortalFactory factory) : IClassFixture<StrictWebhookPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://localhost/hooks", "resolves to")]
    [InlineData("https://127.0.0.1/hooks", "resolves to 127.0.0.1")]
    [InlineData("https://169.254.169.254/latest/meta-data", "resolves to 169.254.169.254")]
    [InlineData("https://[::1]/hooks", "resolves to ::1")]
    [InlineData("https://10.0.0.8/hooks", "resolves to 10.0.0.8")]
    [InlineData("http://hooks.example.com/x", "must use https")]
    [InlineData("https://no-such-host.invalid/hooks", "does not resolve")]
    public async Task An_endpoint_inside_a_private_network_is_refused_at_creation(string url, string problem)
    {
        var admin = await (await TestCustomer.SignUpAsync(factory)).AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "user.created" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Contains(problem, body.GetProperty("errors").GetProperty("url")[0].GetString());
        Assert.Empty((await (await admin.GetAsync("/api/v1/webhooks", Ct)).JsonAsync()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_name_that_resolves_inside_after_it_was_accepted_is_refused_at_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url()).Port;
        var host = $"rebind-{Guid.NewGuid():N}.example.com";
        factory.Addresses.Names[host] = [IPAddress.Parse("93.184.215.14")];
        var customer = await TestCustomer.SignUpAsync(factory);
        var admin = await customer.AdminAsync();
        var (endpointId, _) = await admin.CreateEndpointAsync($"https://{host}:{port}/hooks", "user.created");

        // The name now answers the machine the portal runs on, where the receiver listens.
        factory.Addresses.Names[host] = [IPAddress.Loopback];
        await customer.AddUserAsync("Member");

        var attempt = await WebhookDeliveries.EventuallyAsync(admin, endpointId, d => d.GetProperty("attempts").GetInt32() == 1);
        Assert.Null(attempt.GetProperty("lastAttempt").GetProperty("statusCode").GetString());
        Assert.Contains("resolves to 127.0.0.1", attempt.GetProperty("lastAttempt").GetProperty("error").GetString());
        Assert.Empty(receiver.Received);
    }
}
