using System.Net;
using System.Net.Sockets;

namespace DataTricks.Domain.Webhooks;

/// <summary>
/// Where a webhook may be posted: an absolute https URL without credentials, on a host whose every address is public.
/// Loopback, private, shared (carrier-grade NAT), link-local (cloud metadata at 169.254.169.254), unspecified,
/// multicast and the clouds' own service addresses are refused, at creation and again at every connection, so a name
/// that later resolves inside (DNS rebinding) reaches nothing.
/// </summary>
public static class WebhookTargets
{
    // Public addresses that a cloud answers for its own services: Azure's wire server and Alibaba's metadata.
    private static readonly IPAddress[] CloudServiceAddresses = [IPAddress.Parse("168.63.129.16"), IPAddress.Parse("100.100.100.200")];

    private static readonly IPNetwork[] Refused =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96", "2002::/16",
        }.Select(IPNetwork.Parse),
    ];

    /// <summary>Why <paramref name="url"/> cannot be an endpoint by its form alone, or null. Names are resolved apart (<see cref="AddressProblem"/>).</summary>
    public static string? UrlProblem(string? url, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url))
            return "Give the endpoint's URL, such as https://example.com/webhooks/datatricks.";
        if (url.Length > WebhookEndpoint.UrlMaxLength)
            return $"The URL has at most {WebhookEndpoint.UrlMaxLength} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "The URL is an absolute https:// URL, such as https://example.com/webhooks/datatricks.";
        if (uri.Scheme == Uri.UriSchemeHttp && !allowPrivate)
            return "The URL must use https: events carry your data and are signed with your secret.";
        if (uri.UserInfo.Length > 0)
            return "The URL cannot hold a user name or password; verify deliveries by their signature instead.";
        if (uri.Fragment.Length > 0)
            return "The URL cannot have a #fragment: it is never sent to the server.";
        return null;
    }

    /// <summary>Why the endpoint may not be reached at these addresses, or null.</summary>
    public static string? AddressProblem(string host, IReadOnlyCollection<IPAddress> addresses, bool allowPrivate)
    {
        if (addresses.Count == 0)
            return $"{host} does not resolve to any address.";
        if (allowPrivate)
            return null;
        return addresses.FirstOrDefault(a => !IsPublic(a)) is { } inside
            ? $"{host} resolves to {inside}, an address inside a private network; webhooks go to public addresses only."
            : null;
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (CloudServiceAddresses.Contains(address))
            return false;
        return !Refused.Any(network => network.Contains(address));
    }
}
