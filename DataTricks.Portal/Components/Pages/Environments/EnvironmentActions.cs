using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Portal.Components.Shared;
using MudBlazor;

namespace DataTricks.Portal.Components.Pages.Environments;

/// <summary>
/// What a person can do to an environment, from its card or its page alike: each asks what it must, calls the
/// service once and says what happened. Open pages then follow the change live.
/// </summary>
public sealed class EnvironmentActions(
    PerCall<ComputeEnvironmentService> environments, PerCall<OperationService> operations, IDialogService dialogs, ISnackbar snackbar)
{
    public async Task RetryAsync(EnvironmentView environment) =>
        Report(await environments.RunAsync(s => s.RetryAsync(environment.Id)), $"Retrying {environment.Name}.");

    public async Task RepairAsync(EnvironmentView environment) =>
        Report(await environments.RunAsync(s => s.RepairAsync(environment.Id)), $"Repairing {environment.Name}.");

    /// <summary>
    /// True when the delete was accepted. An environment still being created is deleted by canceling its create, as
    /// the API's cancel does, which is also what support staff acting in the customer may do.
    /// </summary>
    public async Task<bool> DeleteAsync(EnvironmentView environment)
    {
        if (!await DeleteEnvironmentDialog.ConfirmAsync(dialogs, environment))
            return false;
        var result = environment is { Status: ComputeEnvironmentStatus.Pending or ComputeEnvironmentStatus.Provisioning, OperationId: { } create }
            ? (await operations.RunAsync(s => s.CancelAsync(create))).Failure
            : (await environments.RunAsync(s => s.DeleteAsync(environment.Id))).Failure;
        if (result?.Extensions?.GetValueOrDefault("repos") is IReadOnlyList<BoundRepo> repos)
        {
            await dialogs.ShowAsync<BoundReposDialog>($"{environment.Name} is in use",
                new DialogParameters<BoundReposDialog> { { d => d.Repos, repos } });
            return false;
        }
        Report(result, $"Deleting {environment.Name}.");
        return result is null;
    }

    /// <summary>Rename or resize; true when something changed.</summary>
    public async Task<bool> EditAsync(EnvironmentView environment)
    {
        var dialog = await dialogs.ShowAsync<EditEnvironmentDialog>($"Edit {environment.Name}",
            new DialogParameters<EditEnvironmentDialog> { { d => d.Environment, environment } });
        return await dialog.Result is { Canceled: false };
    }

    private void Report(Result<EnvironmentView> result, string success) => Report(result.Failure, success);

    private void Report(Failure? failure, string success) =>
        snackbar.Add(failure?.Detail ?? success, failure is null ? Severity.Info : Severity.Error);
}
