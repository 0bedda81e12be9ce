using DataTricks.Domain.Tenancy;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// How components call a domain service: each call gets a DI scope of its own (so a DbContext of its own, disposed
/// when the call ends) in the circuit's current tenant scope. A Blazor circuit lives for as long as the page is open;
/// its services would otherwise share one DbContext for all that time, handing back stale entities and running the
/// page's and its cards' queries on one context at once.
/// </summary>
public sealed class PerCall<TService>(IServiceScopeFactory scopes, TenantContext tenant) where TService : notnull
{
    public async Task<T> RunAsync<T>(Func<TService, Task<T>> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Scope);
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task RunAsync(Func<TService, Task> call) =>
        RunAsync(async service =>
        {
            await call(service);
            return true;
        });
}
