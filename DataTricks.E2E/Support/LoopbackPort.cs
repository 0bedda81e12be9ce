using System.Net;
using System.Net.Sockets;

namespace DataTricks.E2E.Support;

public static class LoopbackPort
{
    /// <summary>A port nobody listens on now; the operating system does not hand it out again soon.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
