namespace DataTricks.Domain.Cloud;

/// <summary>
/// The cloud the environments live in. Every call carries an idempotency key derived from the environment and
/// step, so a call repeated after a crash or a lost answer finds what the first one made instead of making another.
/// Faults are <see cref="TransientCloudException"/> (worth retrying) or <see cref="PermanentCloudException"/>.
/// </summary>
public interface ICloud
{
    /// <summary>Creates the resource, or returns the one already made under <see cref="CloudResourceRequest.IdempotencyKey"/>.</summary>
    Task<string> EnsureResourceAsync(CloudResourceRequest request, CancellationToken cancellationToken);

    /// <summary>Checks that the environment's cluster answers; throws if it does not.</summary>
    Task VerifyClusterAsync(Guid environmentId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Removes every resource of the environment; removing what is already gone succeeds.</summary>
    Task DeleteResourcesAsync(Guid environmentId, string idempotencyKey, CancellationToken cancellationToken);
}
