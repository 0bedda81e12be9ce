using System.Net;

namespace DataTricks.Domain.Webhooks;

/// <summary>Resolves an endpoint's host name; the tests give one that answers what they need (a rebinding name).</summary>
public interface IHostAddresses
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system's resolver; an address literal is itself.</summary>
public sealed class DnsHostAddresses : IHostAddresses
{
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
            return [literal];
        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException)
        {
            // The name does not resolve: no address, which WebhookTargets reports.
            return [];
        }
    }
}
