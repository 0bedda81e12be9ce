using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>What deleting an environment and canceling its create share: the bound-repos rule and queuing the delete.</summary>
public sealed class EnvironmentDeletion(DataTricksDbContext db, TimeProvider time)
{
    /// <summary>A 409 naming the repos bound to the environment, or null when none is.</summary>
    public async Task<Failure?> RefuseIfBoundAsync(Guid environmentId, CancellationToken cancellationToken)
    {
        var repos = await db.Repos.Where(r => r.ComputeEnvironmentId == environmentId).OrderBy(r => r.Name)
            .Select(r => new BoundRepo(r.Id, r.Name)).ToListAsync(cancellationToken);
        return repos.Count == 0
            ? null
            : Failure.Conflict(
                ProblemCodes.EnvironmentInUse,
                $"The environment is used by {Plural.Of(repos.Count, "repo")}: {string.Join(", ", repos.Select(r => r.Name))}. Move or delete them first.",
                new Dictionary<string, object?> { ["repos"] = repos });
    }

    /// <summary>Moves the environment to Deleting and queues its delete, asking any create still running to stop. The caller saves.</summary>
    public async Task<Operation> QueueAsync(ComputeEnvironment environment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var creates = await Operation.UnfinishedBuildersOf(db.Operations, environment.Id).ToListAsync(cancellationToken);
        foreach (var create in creates)
            create.RequestCancel(now);
        if (environment.Status != ComputeEnvironmentStatus.Deleting)
            environment.MarkDeleting(now);
        var delete = Operation.Queue(environment.CustomerId, environment.Id, OperationKind.Delete, now);
        db.Operations.Add(delete);
        environment.Follow(delete.Id, now);
        return delete;
    }
}
