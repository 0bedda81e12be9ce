using DataTricks.Domain.Common;
using DataTricks.Domain.Tenancy;
using Microsoft.AspNetCore.Components;

namespace DataTricks.Portal.Components.Shared;

/// <summary>
/// Draws nothing; raises <see cref="Changed"/> when <typeparamref name="TSignal"/> says something of the customer's
/// changed (who may use its repos, what its webhooks did), so the page around it reloads. It subscribes after its
/// first render, so prerendering holds no subscription, and routes a failing reload to the error boundary.
/// Reloads never overlap: signals that arrive during one are answered by one more after it, which reads what they
/// told of; overlapping reloads could finish in any order and leave the page showing the older read.
/// </summary>
public sealed class SignalWatch<TSignal> : ComponentBase, IDisposable where TSignal : KeyedSignal
{
    private IDisposable? _subscription;
    private bool _raising;
    private bool _raiseAgain;

    [Inject] private TSignal Signal { get; set; } = null!;
    [Inject] private ITenantContext Tenant { get; set; } = null!;

    [Parameter, EditorRequired] public EventCallback Changed { get; set; }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && Tenant.CustomerId is { } customerId)
            _subscription = Signal.Subscribe(customerId, () => InvokeAsync(RaiseAsync));
    }

    private async Task RaiseAsync()
    {
        if (_raising)
        {
            _raiseAgain = true;
            return;
        }
        _raising = true;
        try
        {
            do
            {
                _raiseAgain = false;
                await Changed.InvokeAsync();
            }
            while (_raiseAgain);
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
        finally
        {
            _raising = false;
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
