using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DataTricks.Portal.Components.Pages.Environments;

/// <summary>
/// One environment on a page (a card, a table row) that follows its changes live: it adopts the view its page
/// loaded unless a change it was told of is newer, applies changes in version order, says in a snackbar when the
/// environment becomes ready, fails or degrades, and redraws its timing every second while something runs.
/// </summary>
public abstract class LiveEnvironmentItem : LiveEnvironmentComponent
{
    private PeriodicTimer? _ticker;
    private EnvironmentView? _adopted;
    private int _changesSeen;

    [Inject] private PerCall<ComputeEnvironmentService> Environments { get; set; } = null!;
    [Inject] protected TimeProvider Time { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [CascadingParameter] private ViewerClock? Viewer { get; set; }

    [Parameter, EditorRequired] public EnvironmentView Environment { get; set; } = null!;

    /// <summary>How long provisionings of this customer usually take; none shows no ETA.</summary>
    [Parameter] public ProvisioningEstimate Estimate { get; set; } = ProvisioningEstimate.None;

    [Parameter] public EventCallback<EnvironmentView> OnRetry { get; set; }
    [Parameter] public EventCallback<EnvironmentView> OnDelete { get; set; }
    [Parameter] public EventCallback<EnvironmentView> OnRepair { get; set; }

    protected EnvironmentView View { get; private set; } = null!;

    protected string Timing => EnvironmentTiming.Describe(View, Time.GetUtcNow(), Viewer ?? ViewerClock.Utc);

    protected string? Eta => EnvironmentTiming.Eta(View, Time.GetUtcNow(), Estimate);

    protected MudBlazor.Color MessageColor => View.Status switch
    {
        ComputeEnvironmentStatus.Failed => MudBlazor.Color.Error,
        ComputeEnvironmentStatus.Degraded => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    // The parent re-renders with the view it loaded; only a newly loaded view, and not one read before the change a
    // notification already brought, may replace what the item shows.
    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Environment, _adopted))
            return;
        _adopted = Environment;
        if (View is null || View.Id != Environment.Id || Environment.Version >= View.Version)
            View = Environment;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
            _ = TickAsync();
        await base.OnAfterRenderAsync(firstRender);
    }

    protected override async Task OnSubscribedAsync()
    {
        var seenBefore = _changesSeen;
        var current = await Environments.RunAsync(s => s.GetAsync(View.Id));
        // A change that arrived while this read was in flight is newer than what the read found.
        if (current.Succeeded && _changesSeen == seenBefore)
            View = current.Value;
    }

    protected override Task<bool> OnEnvironmentChangedAsync(EnvironmentSnapshot snapshot)
    {
        // Snapshots reach a page by two roads (this node's own, at once; other nodes', through the outbox), so an older
        // one can arrive after a newer one: it must not take the item back. Versions order them; clocks of nodes may not.
        if (snapshot.Id != View.Id || snapshot.Version <= View.Version)
            return Task.FromResult(false);
        _changesSeen++;
        var previous = View.Status;
        View = EnvironmentView.From(snapshot, View.RepoCount);
        if (previous != snapshot.Status)
            Announce(snapshot);
        return Task.FromResult(true);
    }

    private void Announce(EnvironmentSnapshot change)
    {
        switch (change.Status)
        {
            case ComputeEnvironmentStatus.Ready:
                Snackbar.Add($"{change.Name} is ready.", Severity.Success);
                break;
            case ComputeEnvironmentStatus.Failed:
                Snackbar.Add($"{change.Name} failed: {change.StatusMessage}", Severity.Error);
                break;
            case ComputeEnvironmentStatus.Degraded:
                Snackbar.Add($"{change.Name} is degraded: {change.StatusMessage}", Severity.Warning);
                break;
        }
    }

    /// <summary>Redraws the timing every second while the environment is on its way.</summary>
    private async Task TickAsync()
    {
        _ticker = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        while (await _ticker.WaitForNextTickAsync())
        {
            if (ComputeEnvironmentLifecycle.IsUnderway(View.Status))
                await InvokeAsync(StateHasChanged);
        }
    }

    public override void Dispose()
    {
        _ticker?.Dispose();
        base.Dispose();
    }
}
