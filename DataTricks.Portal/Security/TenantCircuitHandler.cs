using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DataTricks.Portal.Security;

/// <summary>
/// A Blazor circuit has no HttpContext: its scoped tenant context follows the circuit's authentication state
/// instead, set before the first render and again whenever that state changes (sign-out, revalidation).
/// </summary>
public sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, TenantContext tenant) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        tenant.Set(TenantScopes.FromPrincipal((await authentication.GetAuthenticationStateAsync()).User));
    }

    private async void OnAuthenticationChanged(Task<AuthenticationState> state)
    {
        try
        {
            tenant.Set(TenantScopes.FromPrincipal((await state).User));
        }
        catch (Exception)
        {
            // A failed authentication state leaves the circuit seeing no tenant at all.
            tenant.Set(TenantScope.None);
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
}
