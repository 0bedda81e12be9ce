using DataTricks.Domain.Auditing;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;

namespace DataTricks.Domain.Dashboard;

public sealed record DashboardView(
    CustomerSummary Customer,
    IReadOnlyDictionary<ComputeEnvironmentStatus, int> EnvironmentsByStatus,
    IReadOnlyList<EnvironmentView> InProgress,
    IReadOnlyList<AuditEventView> RecentEvents);

/// <summary>The customer at a glance: sizes, environments by status, what is provisioning now, what changed lately.</summary>
public sealed class DashboardService(CustomerService customers, ComputeEnvironmentService environments, AuditQueryService audit)
{
    private const int Shown = 8;

    /// <param name="includeAudit">Only admins read the audit trail; members' dashboards leave it out.</param>
    public async Task<DashboardView?> GetAsync(bool includeAudit, CancellationToken cancellationToken = default)
    {
        var customer = await customers.GetAsync(cancellationToken);
        if (!customer.Succeeded)
            return null;
        var recent = includeAudit ? (await audit.PageAsync(AuditFilter.None, null, Shown, cancellationToken)).Value?.Items ?? [] : [];
        return new DashboardView(
            customer.Value,
            await environments.CountByStatusAsync(cancellationToken),
            await environments.InProgressAsync(Shown, cancellationToken),
            recent);
    }
}
