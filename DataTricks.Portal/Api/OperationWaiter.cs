using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Portal.Api;

/// <summary>
/// Long polling for an operation (AIP-151 style): answers as soon as the operation is done or the wait is over. It
/// reads the operation again whenever its environment changes (this node's own changes and other nodes', through the
/// outbox), and every few seconds in case a change went by unseen. No thread is held while waiting.
/// </summary>
public sealed class OperationWaiter(OperationService operations, EnvironmentChangeNotifier notifier, ITenantContext tenant, TimeProvider time)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);

    public async Task<Result<OperationView>> WaitAsync(Guid id, TimeSpan wait, CancellationToken cancellationToken)
    {
        var current = await operations.GetAsync(id, cancellationToken);
        if (!current.Succeeded || current.Value.Done || wait <= TimeSpan.Zero || tenant.CustomerId is not { } customerId)
            return current;

        var environmentId = current.Value.EnvironmentId;
        return await LongPoll.UntilAsync(
            () => operations.GetAsync(id, cancellationToken),
            result => !result.Succeeded || result.Value.Done,
            changed => notifier.Subscribe(customerId, change =>
            {
                if (change.Id == environmentId)
                    changed();
                return Task.CompletedTask;
            }),
            wait, Recheck, time, cancellationToken);
    }

    /// <summary>"30s", "0s" … up to <see cref="MaxWait"/>; null for anything else.</summary>
    public static TimeSpan? ParseWait(string? wait)
    {
        if (wait is null)
            return TimeSpan.Zero;
        return wait.EndsWith('s') && int.TryParse(wait.AsSpan(0, wait.Length - 1), System.Globalization.NumberStyles.None,
                   System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxWait.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
