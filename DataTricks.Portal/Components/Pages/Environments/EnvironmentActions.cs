using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Components.Shared;
using MudBlazor;

namespace DataTricks.Portal.Components.Pages.Environments;

/// <summary>
/// What a person can do to an environment, from its card or its page alike: each asks what it must, calls the
/// service once and says what happened. Open pages then follow the change live.
/// </summary>
public sealed class EnvironmentActions(PerCall<ComputeEnvironmentService> environments, IDialogService dialogs, ISnackbar snackbar)
{
    public async Task RetryAsync(EnvironmentView environment) =>
        Report(await environments.RunAsync(s => s.RetryAsync(environment.Id)), $"Retrying {environment.Name}.");

    public async Task RepairAsync(EnvironmentView environment) =>
        Report(await environments.RunAsync(s => s.RepairAsync(environment.Id)), $"Repairing {environment.Name}.");

    /// <summary>True when the delete was accepted.</summary>
    public async Task<bool> DeleteAsync(EnvironmentView environment)
    {
        if (!await DeleteEnvironmentDialog.ConfirmAsync(dialogs, environment))
            return false;
        var result = await environments.RunAsync(s => s.DeleteAsync(environment.Id));
        if (result.Failure?.Extensions?.GetValueOrDefault("repos") is IReadOnlyList<BoundRepo> repos)
        {
            await dialogs.ShowAsync<BoundReposDialog>($"{environment.Name} is in use",
                new DialogParameters<BoundReposDialog> { { d => d.Repos, repos } });
            return false;
        }
        Report(result, $"Deleting {environment.Name}.");
        return result.Succeeded;
    }

    /// <summary>Rename or resize; true when something changed.</summary>
    public async Task<bool> EditAsync(EnvironmentView environment)
    {
        var dialog = await dialogs.ShowAsync<EditEnvironmentDialog>($"Edit {environment.Name}",
            new DialogParameters<EditEnvironmentDialog> { { d => d.Environment, environment } });
        return await dialog.Result is { Canceled: false };
    }

    private void Report(Result<EnvironmentView> result, string success) =>
        snackbar.Add(result.Succeeded ? success : result.Failure.Detail, result.Succeeded ? Severity.Info : Severity.Error);
}
