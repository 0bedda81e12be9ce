using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Components;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// A component that redraws when an environment of the caller's customer changes (it is told the environment's new
/// snapshot), over the Blazor circuit.
/// It subscribes after its first render (so prerendering holds no subscription), handles each change on the
/// renderer's sync context, routes failures to the error boundary, and unsubscribes when disposed.
/// </summary>
public abstract class LiveEnvironmentComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject] private EnvironmentChangeNotifier Notifier { get; set; } = null!;
    [Inject] private ITenantContext Tenant { get; set; } = null!;

    /// <summary>Handles one change; returns whether the component must redraw (a list redraws only when its set changes).</summary>
    protected abstract Task<bool> OnEnvironmentChangedAsync(EnvironmentSnapshot change);

    /// <summary>
    /// Runs once the subscription is live: a change published between the first load and the subscription was
    /// missed, so a component whose state can go stale reloads here.
    /// </summary>
    protected virtual Task OnSubscribedAsync() => Task.CompletedTask;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || Tenant.CustomerId is not { } customerId)
            return;
        _subscription = Notifier.Subscribe(customerId, change => InvokeAsync(() => HandleAsync(() => OnEnvironmentChangedAsync(change))));
        await HandleAsync(async () =>
        {
            await OnSubscribedAsync();
            return true;
        });
    }

    private async Task HandleAsync(Func<Task<bool>> work)
    {
        try
        {
            if (await work())
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
