using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Provisioning;

/// <summary>The caller's customer's recent successful provisionings, as an estimate of how long the next one takes.</summary>
public sealed class ProvisioningHistory(DataTricksDbContext db)
{
    /// <summary>Enough recent runs to be typical, few enough to follow a cloud that got faster or slower.</summary>
    public const int Runs = 20;

    public async Task<ProvisioningEstimate> EstimateAsync(CancellationToken cancellationToken = default)
    {
        var recent = db.Operations
            .Where(o => o.Kind == OperationKind.Create && o.Status == OperationStatus.Succeeded)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Select(o => o.Id)
            .Take(Runs);
        var steps = await db.OperationSteps.AsNoTracking()
            .Where(s => recent.Contains(s.OperationId) && s.EndedAt != null)
            .Select(s => new { s.Step, s.StartedAt, EndedAt = s.EndedAt!.Value })
            .ToListAsync(cancellationToken);
        return ProvisioningEstimate.FromHistory(steps
            .Where(s => Enum.IsDefined(typeof(ProvisioningStep), s.Step))
            .Select(s => (Enum.Parse<ProvisioningStep>(s.Step), s.EndedAt - s.StartedAt)));
    }
}
