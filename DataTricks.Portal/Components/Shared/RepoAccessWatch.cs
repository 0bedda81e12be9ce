using DataTricks.Domain.Groups;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Components;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// Draws nothing; raises <see cref="Changed"/> when who may use the customer's repos changes (a group's members, a repo
/// shared or unshared), so the page around it reloads. It subscribes after its first render, so prerendering holds no
/// subscription, and routes a failing reload to the error boundary.
/// </summary>
public sealed class RepoAccessWatch : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject] private RepoAccessNotifier Notifier { get; set; } = null!;
    [Inject] private ITenantContext Tenant { get; set; } = null!;

    [Parameter, EditorRequired] public EventCallback Changed { get; set; }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && Tenant.CustomerId is { } customerId)
            _subscription = Notifier.Subscribe(customerId, () => InvokeAsync(RaiseAsync));
    }

    private async Task RaiseAsync()
    {
        try
        {
            await Changed.InvokeAsync();
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
