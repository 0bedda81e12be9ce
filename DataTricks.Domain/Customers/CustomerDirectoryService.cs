using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Customers;

/// <summary>
/// The platform-wide list of customers with their sizes: what the operator's support staff look at before
/// choosing whom to impersonate. Callers must have checked the caller is staff (the Support policy).
/// </summary>
public sealed class CustomerDirectoryService(DataTricksDbContext db, TimeProvider time)
{
    public async Task<OffsetPage<CustomerSummary>> ListAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        var customers = db.Customers.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]).Where(c => !c.IsPlatformOperator);
        if (query.NormalizedSearch is { } search)
            customers = customers.Where(c => c.NormalizedName.Contains(search));
        var users = db.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]);
        var repos = db.Repos.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]);
        var environments = db.ComputeEnvironments.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]);
        var now = time.GetUtcNow();
        var events = db.AuditEvents.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]);
        var grants = db.SupportAccessGrants.IgnoreQueryFilters([DataTricksDbContext.TenantFilter]).Where(g => g.EndedAt == null && g.ExpiresAt > now);
        var total = await customers.CountAsync(cancellationToken);
        var items = await Sorted(customers, query.Sort).ThenBy(c => c.Id)
            .Skip(query.Offset)
            .Take(query.Limit)
            .Select(c => new CustomerSummary(
                c.Id, c.Name, c.IsPlatformOperator, c.CreatedAt,
                users.Count(u => u.CustomerId == c.Id),
                repos.Count(r => r.CustomerId == c.Id),
                environments.Count(e => e.CustomerId == c.Id && e.Status != ComputeEnvironmentStatus.Deleted),
                grants.Where(g => g.CustomerId == c.Id).Select(g => (DateTimeOffset?)g.ExpiresAt).FirstOrDefault(),
                grants.Where(g => g.CustomerId == c.Id).Join(users, g => g.GrantedByUserId, u => u.Id, (_, u) => u.Email).FirstOrDefault(),
                environments.Count(e => e.CustomerId == c.Id && (e.Status == ComputeEnvironmentStatus.Failed || e.Status == ComputeEnvironmentStatus.Degraded)),
                events.Where(a => a.CustomerId == c.Id).OrderByDescending(a => a.OccurredAt).Select(a => (DateTimeOffset?)a.OccurredAt).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new OffsetPage<CustomerSummary>(items, total, query.Offset);
    }

    public static readonly IReadOnlyList<string> SortColumns = ["name", "created"];

    private static IOrderedQueryable<Customer> Sorted(IQueryable<Customer> customers, string? sort)
    {
        var order = SortOrder.Parse(sort, CustomerDirectoryService.SortColumns, new SortOrder("name", false));
        return order.Column == "created" ? order.Apply(customers, c => c.CreatedAt) : order.Apply(customers, c => c.SortKey);
    }
}
