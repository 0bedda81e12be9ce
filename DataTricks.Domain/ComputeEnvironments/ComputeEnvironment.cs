using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Common;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>
/// A customer's cloud network, storage and Spark compute. Its status only moves through the
/// transitions of <see cref="ComputeEnvironmentLifecycle"/>; every change bumps <see cref="Version"/>,
/// the concurrency token behind the API's ETag.
/// </summary>
public sealed class ComputeEnvironment : ITenantOwned
{
    private ComputeEnvironment() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Name { get; private set; } = null!;

    /// <summary>Upper-cased <see cref="Name"/>, unique per customer among environments that are not deleted.</summary>
    public string NormalizedName { get; private set; } = null!;

    /// <summary>The <see cref="NaturalSortKey"/> of <see cref="Name"/>: what tables sort by.</summary>
    public string SortKey { get; private set; } = null!;

    /// <summary>For rows written before sort keys existed; see <c>SortKeyBackfill</c>.</summary>
    internal void RefreshSortKey() => SortKey = NaturalSortKey.Of(Name);

    public CloudProvider Cloud { get; private set; }
    public string Region { get; private set; } = null!;
    public string NodeType { get; private set; } = null!;
    public int MinWorkers { get; private set; }
    public int MaxWorkers { get; private set; }
    public ComputeEnvironmentStatus Status { get; private set; }
    public string? StatusMessage { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ReadyAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public long Version { get; private set; }

    /// <summary>The operation to follow: the latest create, retry or delete.</summary>
    public Guid? CurrentOperationId { get; private set; }

    public static ComputeEnvironment Create(
        Guid customerId, string name, CloudProvider cloud, string region, string? nodeType,
        int minWorkers, int maxWorkers, DateTimeOffset now)
    {
        if (!CloudCatalog.IsKnownRegion(cloud, region))
            throw new DomainException($"'{region}' is not a region of {cloud}.");
        var environment = new ComputeEnvironment
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            Cloud = cloud,
            Region = region,
            NodeType = string.IsNullOrWhiteSpace(nodeType) ? CloudCatalog.DefaultNodeType(cloud) : nodeType.Trim(),
            Status = ComputeEnvironmentStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        environment.Rename(name, now);
        environment.Resize(minWorkers, maxWorkers, now);
        return environment;
    }

    public void Rename(string name, DateTimeOffset now)
    {
        if (!ComputeEnvironmentRules.IsValidName(name))
            throw new DomainException("An environment name has 1 to 64 letters, digits, '-' or '_' and starts with a letter.");
        Name = name;
        NormalizedName = name.ToUpperInvariant();
        SortKey = NaturalSortKey.Of(name);
        Touch(now);
    }

    public void Resize(int minWorkers, int maxWorkers, DateTimeOffset now)
    {
        if (!ComputeEnvironmentRules.AreValidWorkers(minWorkers, maxWorkers))
            throw new DomainException($"Workers must satisfy 1 <= min <= max <= {ComputeEnvironmentRules.MaxWorkersLimit}.");
        MinWorkers = minWorkers;
        MaxWorkers = maxWorkers;
        Touch(now);
    }

    /// <summary>Provisioning started, resumed after a failure, or moved on to its next step.</summary>
    public void MarkProvisioning(string statusMessage, DateTimeOffset now)
    {
        if (Status != ComputeEnvironmentStatus.Provisioning)
            MoveTo(ComputeEnvironmentStatus.Provisioning);
        SetMessage(statusMessage);
        Touch(now);
    }

    public void MarkReady(DateTimeOffset now)
    {
        MoveTo(ComputeEnvironmentStatus.Ready);
        SetMessage(null);
        ReadyAt = now;
        Touch(now);
    }

    public void MarkResizing(int minWorkers, int maxWorkers, DateTimeOffset now)
    {
        MoveTo(ComputeEnvironmentStatus.Resizing);
        SetMessage($"Resizing to {minWorkers}-{maxWorkers} workers");
        Touch(now);
    }

    /// <summary>A resize ended: at the new size when it succeeded, at the old one with <paramref name="problem"/> when it failed.</summary>
    public void EndResize(int minWorkers, int maxWorkers, string? problem, DateTimeOffset now)
    {
        MoveTo(ComputeEnvironmentStatus.Ready);
        if (problem is null)
            Resize(minWorkers, maxWorkers, now);
        SetMessage(problem is null ? null : $"Resize failed: {problem} The environment keeps {MinWorkers}-{MaxWorkers} workers.");
        Touch(now);
    }

    /// <summary>The reconcile found <paramref name="missing"/> gone from the cloud.</summary>
    public void MarkDegraded(string missing, DateTimeOffset now)
    {
        MoveTo(ComputeEnvironmentStatus.Degraded);
        SetMessage($"{missing} missing from the cloud. Repair recreates it.");
        Touch(now);
    }

    public void MarkFailed(string reason, DateTimeOffset now)
    {
        MoveTo(ComputeEnvironmentStatus.Failed);
        SetMessage(reason);
        Touch(now);
    }

    public void MarkDeleting(DateTimeOffset now)
    {
        MoveTo(ComputeEnvironmentStatus.Deleting);
        SetMessage(null);
        Touch(now);
    }

    public void MarkDeleted(DateTimeOffset now)
    {
        MoveTo(ComputeEnvironmentStatus.Deleted);
        DeletedAt = now;
        Touch(now);
    }

    public void Follow(Guid operationId, DateTimeOffset now)
    {
        CurrentOperationId = operationId;
        Touch(now);
    }

    /// <summary>
    /// A repo was bound to this environment. Bumping the version makes a delete that read the environment before the
    /// binding fail its save instead of removing an environment a repo now uses (and the ETag follows the repo count).
    /// </summary>
    public void NoteRepoBound(DateTimeOffset now) => Touch(now);

    /// <summary>Explains a problem that leaves the status as it is, such as a delete that must be tried again.</summary>
    public void NoteProblem(string message, DateTimeOffset now)
    {
        SetMessage(message);
        Touch(now);
    }

    private void MoveTo(ComputeEnvironmentStatus next)
    {
        if (!ComputeEnvironmentLifecycle.CanTransition(Status, next))
            throw new InvalidStatusTransitionException(Status, next);
        Status = next;
    }

    private void SetMessage(string? message) =>
        StatusMessage = message is null ? null : TextLimit.Cut(message, ComputeEnvironmentRules.StatusMessageMaxLength);

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
