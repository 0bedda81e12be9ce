using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Support;

/// <summary>What an open page's components call services through: a circuit's scope, set to the scope the page opened with.</summary>
public static class OpenPage
{
    public static PerCall<TService> Calling<TService>(AsyncServiceScope circuit, TenantScope scope) where TService : notnull
    {
        var tenant = circuit.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.Set(scope);
        return new PerCall<TService>(circuit.ServiceProvider.GetRequiredService<IServiceScopeFactory>(), tenant);
    }
}
