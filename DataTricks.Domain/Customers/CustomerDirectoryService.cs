using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Customers;

/// <summary>The platform-wide list of customers with their sizes: what the operator's staff look at.</summary>
public sealed class CustomerDirectoryService(DataTricksDbContext db)
{
    public async Task<IReadOnlyList<CustomerSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Customers
            .OrderBy(c => c.NormalizedName)
            .Select(c => new CustomerSummary(
                c.Id, c.Name, c.IsPlatformOperator, c.CreatedAt,
                db.Users.Count(u => u.CustomerId == c.Id),
                db.Repos.Count(r => r.CustomerId == c.Id),
                db.ComputeEnvironments.Count(e => e.CustomerId == c.Id && e.Status != ComputeEnvironmentStatus.Deleted)))
            .ToListAsync(cancellationToken);
}
