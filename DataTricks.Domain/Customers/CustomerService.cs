using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Customers;

/// <summary>The caller's own customer: its summary and its name.</summary>
public sealed class CustomerService(DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit)
{
    public async Task<Result<CustomerSummary>> GetAsync(CancellationToken cancellationToken = default)
    {
        // The filters already limit every set to the caller's customer.
        var summary = await db.Customers
            .Select(c => new CustomerSummary(
                c.Id, c.Name, c.IsPlatformOperator, c.CreatedAt,
                db.Users.Count(), db.Repos.Count(),
                db.ComputeEnvironments.Count(e => e.Status != ComputeEnvironmentStatus.Deleted), null, null, 0, null, c.Version))
            .FirstOrDefaultAsync(cancellationToken);
        return summary is null ? Failure.NotFound("The customer") : summary;
    }

    /// <summary>
    /// Renames the caller's customer. <paramref name="isCurrent"/> (If-Match) is asked of the customer as it is when the
    /// write is made; its version, a concurrency token, refuses a rename made between that look and the save.
    /// </summary>
    public async Task<Result<CustomerSummary>> RenameAsync(string? name, Func<CustomerSummary, bool>? isCurrent = null, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.RenameCustomer, cancellationToken) is { } forbidden)
            return forbidden;
        var check = Customer.NameRule.Check(name);
        if (!check.IsValid)
            return Failure.Invalid("name", check.Problem);
        var trimmed = check.Value;
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == tenant.CustomerId, cancellationToken);
        if (customer is null)
            return Failure.NotFound("The customer");
        if (isCurrent is not null && (await GetAsync(cancellationToken)) is { Succeeded: true } current && !isCurrent(current.Value))
            return VersionMatch.Stale("The customer");

        var normalized = Customer.Normalize(trimmed);
        var taken = await db.Customers.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .AnyAsync(c => c.NormalizedName == normalized && c.Id != customer.Id, cancellationToken);
        if (taken)
            return Failure.Conflict(ProblemCodes.NameTaken, "A customer with this name already exists.");

        var previous = customer.Name;
        customer.Rename(trimmed);
        audit.Record(AuditActions.CustomerRenamed, "customer", customer.Id, $"Renamed from '{previous}' to '{customer.Name}'");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Renamed meanwhile: a caller holding the old version is told so; one who sent none may simply retry.
            db.ChangeTracker.Clear();
            return isCurrent is not null
                ? VersionMatch.Stale("The customer")
                : Failure.Conflict(ProblemCodes.ConcurrentChange, "The customer was renamed at the same moment; read it again and retry.");
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict(ProblemCodes.NameTaken, "A customer with this name already exists.");
        }
        return await GetAsync(cancellationToken);
    }
}
