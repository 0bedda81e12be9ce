namespace DataTricks.Domain.Cloud;

/// <summary>
/// The cloud the environments live in, called the way ARM and Kubernetes controllers call theirs: a call is begun and
/// answers at once with when it should be done, then checked until it is. Every call carries an idempotency key derived
/// from the environment, operation and step, so a call begun again after a crash finds the work the first one started.
/// Faults are <see cref="TransientCloudException"/> (worth retrying) or <see cref="PermanentCloudException"/>.
/// </summary>
public interface ICloud
{
    /// <summary>Starts <paramref name="call"/>, or finds the work already started under its idempotency key.</summary>
    Task<CloudProgress> BeginAsync(CloudCall call, CancellationToken cancellationToken);

    /// <summary>How begun work is doing; <see cref="CloudProgress.Unknown"/> when the cloud has no record of it.</summary>
    Task<CloudProgress> CheckAsync(CloudCall call, CancellationToken cancellationToken);

    /// <summary>The kinds of the environment's resources that exist and are usable now, for the reconcile.</summary>
    Task<IReadOnlySet<CloudResourceKind>> LiveResourcesAsync(Guid environmentId, CancellationToken cancellationToken);
}
