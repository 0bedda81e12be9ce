using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Components;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// A component that redraws when an environment of the caller's customer changes, over the Blazor circuit.
/// It subscribes after its first render (so prerendering holds no subscription), handles each change on the
/// renderer's sync context, routes failures to the error boundary, and unsubscribes when disposed.
/// </summary>
public abstract class LiveEnvironmentComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject] private EnvironmentStatusNotifier Notifier { get; set; } = null!;
    [Inject] private ITenantContext Tenant { get; set; } = null!;

    /// <summary>Handles one change; the component re-renders after it.</summary>
    protected abstract Task OnEnvironmentChangedAsync(EnvironmentStatusChanged change);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && Tenant.CustomerId is { } customerId)
            _subscription = Notifier.Subscribe(customerId, change => InvokeAsync(() => HandleAsync(change)));
    }

    private async Task HandleAsync(EnvironmentStatusChanged change)
    {
        try
        {
            await OnEnvironmentChangedAsync(change);
            StateHasChanged();
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    }

    public virtual void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
