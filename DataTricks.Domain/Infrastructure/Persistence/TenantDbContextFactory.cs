using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>
/// Makes a short-lived DbContext for one unit of work in a tenant scope of the caller's choosing, without a DI scope:
/// the provisioning engine opens one per step of an operation, so a waiting operation holds no context at all.
/// </summary>
public sealed class TenantDbContextFactory(Func<ITenantContext, DataTricksDbContext> create, TimeProvider time)
{
    /// <summary>A context whose tenant context starts at <paramref name="scope"/>; the caller may move it (system, then the row's customer).</summary>
    public (DataTricksDbContext Db, TenantContext Tenant) Create(TenantScope scope)
    {
        var tenant = new TenantContext(time);
        tenant.Set(scope);
        return (create(tenant), tenant);
    }

    /// <summary>Runs one unit of work in a context of its own that sees every customer (workers, leases, outbox readers).</summary>
    public async Task<T> InSystemScopeAsync<T>(Func<DataTricksDbContext, Task<T>> work)
    {
        var (db, _) = Create(TenantScope.System);
        await using (db)
            return await work(db);
    }
}
