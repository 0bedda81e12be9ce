using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>The caller's operations: following one, and canceling a running create.</summary>
public sealed class OperationService(
    DataTricksDbContext db, Authority authority, EnvironmentDeletion deletion, AuditLog audit, OperationDispatch dispatch, OperationKinds kinds)
{
    public async Task<Result<OperationView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Operations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            is { } operation ? operation.ToView(kinds) : Failure.NotFound("The operation");

    /// <summary>The customer's operations across its environments, newest first, narrowed as asked; paged by position.</summary>
    public async Task<OffsetPage<OperationView>> ListAsync(OperationListQuery query, CancellationToken cancellationToken = default)
    {
        var operations = query.Filter(db.Operations.AsNoTracking());
        var total = await operations.CountAsync(cancellationToken);
        var page = await operations.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip(query.Page.Offset).Take(query.Page.Limit).ToListAsync(cancellationToken);
        return new OffsetPage<OperationView>([.. page.Select(o => o.ToView(kinds))], total, query.Page.Offset);
    }

    /// <summary>An environment's operations, newest first: its history.</summary>
    public async Task<Result<OffsetPage<OperationView>>> ListForEnvironmentAsync(Guid environmentId, ListQuery query, CancellationToken cancellationToken = default) =>
        await db.ComputeEnvironments.AnyAsync(e => e.Id == environmentId, cancellationToken)
            ? await ListAsync(new OperationListQuery(query, EnvironmentId: environmentId), cancellationToken)
            : Failure.NotFound("The compute environment");

    /// <summary>
    /// Cancels a create: the environment goes Deleting and a delete removes whatever the create made. Refused, like a
    /// delete, while repos are bound to the environment.
    /// </summary>
    public Task<Result<CancelResult>> CancelAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() => TryCancelAsync(id, cancellationToken),
            Failure.Conflict(ProblemCodes.ConcurrentChange, "The environment keeps changing; try again in a moment."));

    private async Task<Result<CancelResult>> TryCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await authority.AuthorizeAsync(TenantWrites.CancelOperation, cancellationToken) is { } forbidden)
            return forbidden;
        var operation = await db.Operations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (operation is null)
            return Failure.NotFound("The operation");
        if (operation.IsDone)
            return Failure.Conflict(ProblemCodes.InvalidState, $"The operation has already ended ({operation.Status}).");
        if (operation.Kind != OperationKind.Create)
            return Failure.Conflict(ProblemCodes.InvalidState, "Only a create can be canceled; a delete always runs to its end.");
        if (await deletion.RefuseIfBoundAsync(operation.ComputeEnvironmentId, cancellationToken) is { } bound)
            return bound;
        var environment = await db.ComputeEnvironments.FirstAsync(e => e.Id == operation.ComputeEnvironmentId, cancellationToken);

        var delete = await deletion.QueueAsync(environment, cancellationToken);
        audit.Record(AuditActions.OperationCanceled, "operation", operation.Id, $"Create of {environment.Name} canceled");
        await db.SaveChangesAsync(cancellationToken);
        dispatch.Started(environment, delete);
        return new CancelResult(operation.ToView(kinds), delete.Id);
    }
}
