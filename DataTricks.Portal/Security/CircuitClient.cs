using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DataTricks.Portal.Security;

/// <summary>
/// The address of the browser behind a Blazor circuit, for per-client limits on what pages do over the circuit
/// (a circuit has no HttpContext of its own; the connection that opened it does).
/// </summary>
public sealed class CircuitClient
{
    public string Address { get; private set; } = ClientAddress.Of(null);

    /// <summary>Reads the address from the connection that opens the circuit.</summary>
    public sealed class Handler(CircuitClient client, IHttpContextAccessor http) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            client.Address = ClientAddress.Of(http.HttpContext);
            return Task.CompletedTask;
        }
    }
}
