using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DataTricks.Portal.Tests.Tenancy;

/// <summary>The DbContext's own guarantees, whatever a service forgets: foreign rows are invisible and unwritable.</summary>
public sealed class TenantScopeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private Customer _acme = null!;
    private Customer _globex = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        await using var db = _database.CreateContext(TenantScope.System);
        _acme = Customer.Create("Acme", Now);
        _globex = Customer.Create("Globex", Now);
        db.Customers.AddRange(_acme, _globex);
        db.ComputeEnvironments.AddRange(
            ComputeEnvironment.Create(_acme.Id, "acme-env", CloudProvider.Aws, "us-east-1", null, 1, 2, Now),
            ComputeEnvironment.Create(_globex.Id, "globex-env", CloudProvider.Aws, "us-east-1", null, 1, 2, Now));
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_customer_scope_sees_only_its_own_rows_even_without_a_where()
    {
        await using var db = _database.CreateContext(TenantScope.ForCustomer(_acme.Id));

        var environments = await db.ComputeEnvironments.Select(e => e.Name).ToListAsync(Ct);
        var customers = await db.Customers.Select(c => c.Name).ToListAsync(Ct);

        Assert.Equal(["acme-env"], environments);
        Assert.Equal(["Acme"], customers);
    }

    [Fact]
    public async Task No_scope_sees_nothing()
    {
        await using var db = _database.CreateContext(TenantScope.None);

        Assert.Empty(await db.ComputeEnvironments.ToListAsync(Ct));
        Assert.Empty(await db.Customers.ToListAsync(Ct));
    }

    [Fact]
    public async Task Saving_a_row_of_another_customer_is_refused_and_writes_nothing()
    {
        await using (var db = _database.CreateContext(TenantScope.ForCustomer(_acme.Id)))
        {
            db.ComputeEnvironments.Add(ComputeEnvironment.Create(_globex.Id, "sneaky", CloudProvider.Aws, "us-east-1", null, 1, 2, Now));
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => db.SaveChangesAsync(Ct));
        }

        await using var check = _database.CreateContext(TenantScope.System);
        Assert.False(await check.ComputeEnvironments.AnyAsync(e => e.Name == "sneaky", Ct));
    }

    [Fact]
    public async Task Staff_scope_without_impersonation_cannot_write_tenant_rows()
    {
        await using var db = _database.CreateContext(new TenantScope(CustomerId: null, UserId: Guid.NewGuid()));
        db.ComputeEnvironments.Add(ComputeEnvironment.Create(_acme.Id, "from-staff", CloudProvider.Aws, "us-east-1", null, 1, 2, Now));

        await Assert.ThrowsAsync<CrossTenantWriteException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public void An_impersonation_scope_grants_nothing_once_expired()
    {
        var time = new FakeTimeProvider(Now);
        var tenant = new TenantContext(time);
        var staff = Guid.NewGuid();
        tenant.Set(new TenantScope(_acme.Id, staff, staff, Now.AddMinutes(60)));

        Assert.Equal(_acme.Id, tenant.CustomerId);
        time.Advance(TimeSpan.FromMinutes(60));

        Assert.Null(tenant.CustomerId);
        Assert.Null(tenant.ImpersonatorUserId);
    }

    [Fact]
    public void Each_kind_of_scope_carries_exactly_its_rights()
    {
        var (customer, user, staff) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var member = TenantScope.ForCustomer(customer, user);
        var admin = TenantScope.ForAdmin(customer, user);
        var support = TenantScope.ForImpersonation(customer, staff, Now.AddHours(1));

        Assert.Equal((customer, user, false, false, false), (member.CustomerId, member.UserId, member.IsAdmin, member.IsSystem, member.IsImpersonation));
        Assert.Equal((customer, user, true, false, false), (admin.CustomerId, admin.UserId, admin.IsAdmin, admin.IsSystem, admin.IsImpersonation));
        Assert.Equal((customer, staff, staff, Now.AddHours(1), true, true),
            (support.CustomerId, support.UserId, support.ImpersonatorUserId, support.ImpersonationExpiresAt, support.IsAdmin, support.IsImpersonation));
        Assert.Equal((null, false), (TenantScope.None.CustomerId, TenantScope.None.IsSystem));
        Assert.Equal((null, true, false), (TenantScope.System.CustomerId, TenantScope.System.IsSystem, TenantScope.System.IsAdmin));
    }
}
