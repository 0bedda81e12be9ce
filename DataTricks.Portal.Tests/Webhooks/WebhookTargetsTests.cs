using System.Net;
using DataTricks.Domain.Webhooks;

namespace DataTricks.Portal.Tests.Webhooks;

/// <summary>Which URLs and addresses a webhook may go to: public ones only, unless a laptop or the tests allow private ones.</summary>
public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.100.100.200")]
    [InlineData("168.63.129.16")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:168.63.129.16")]
    [InlineData("64:ff9b::a00:1")]
    public void Addresses_inside_a_network_or_of_a_clouds_own_services_are_not_public(string address) =>
        Assert.False(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [InlineData("::ffff:93.184.215.14")]
    public void Addresses_on_the_internet_are_public(string address) => Assert.True(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData(null, "Give the endpoint's URL")]
    [InlineData("  ", "Give the endpoint's URL")]
    [InlineData("hooks.example.com/x", "absolute https:// URL")]
    [InlineData("ftp://hooks.example.com/x", "absolute https:// URL")]
    [InlineData("http://hooks.example.com/x", "must use https")]
    [InlineData("https://user:pass@hooks.example.com/x", "user name or password")]
    [InlineData("https://hooks.example.com/x#top", "#fragment")]
    public void Urls_that_cannot_be_endpoints_say_why(string? url, string problem) =>
        Assert.Contains(problem, WebhookTargets.UrlProblem(url, allowPrivate: false));

    [Fact]
    public void A_long_url_is_refused_and_a_plain_https_one_passes()
    {
        Assert.Contains("at most 2000", WebhookTargets.UrlProblem("https://hooks.example.com/" + new string('a', 2000), allowPrivate: false));
        Assert.Null(WebhookTargets.UrlProblem("https://hooks.example.com/datatricks?tenant=1", allowPrivate: false));
        Assert.Null(WebhookTargets.UrlProblem("http://127.0.0.1:5000/hooks", allowPrivate: true));
    }

    [Fact]
    public void A_host_is_refused_when_any_of_its_addresses_is_private_or_it_has_none()
    {
        IPAddress[] mixed = [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.5")];
        Assert.Contains("10.0.0.5", WebhookTargets.AddressProblem("hooks.example.com", mixed, allowPrivate: false));
        Assert.Contains("does not resolve", WebhookTargets.AddressProblem("nowhere.example", [], allowPrivate: false));
        Assert.Contains("does not resolve", WebhookTargets.AddressProblem("nowhere.example", [], allowPrivate: true));
        Assert.Null(WebhookTargets.AddressProblem("hooks.example.com", [IPAddress.Parse("93.184.215.14")], allowPrivate: false));
        Assert.Null(WebhookTargets.AddressProblem("localhost", [IPAddress.Loopback], allowPrivate: true));
    }
}
