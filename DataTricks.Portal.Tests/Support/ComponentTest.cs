using Bunit;
using DataTricks.Domain;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Tenancy;
using DataTricks.Portal.SingleSignOn;
using DataTricks.Portal.Components.Shared;
using DataTricks.Portal.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using DataTricks.Portal.Hosting;

namespace DataTricks.Portal.Tests.Support;

/// <summary>
/// bUnit with MudBlazor and the real domain services on a migrated SQLite file, acting as an admin of one customer.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected Guid CustomerId { get; private set; }

    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    /// <summary>Holds a read the components send until the test lets it go.</summary>
    internal ReadGate Reads { get; } = new();

    protected ComponentTest()
    {
        // The components here wait on a real database: bUnit's one second was too short for a reload on a loaded
        // PostgreSQL run (a list checked once in a second, then failed).
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddPortalComponentServices();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("admin@test.test").SetPolicies(Policies.TenantMember, Policies.TenantAdmin, Policies.TenantWrite);
    }

    /// <summary>Takes the admin's rights away: the user can read, not write.</summary>
    protected void ActAsMember() => Authorization.SetPolicies(Policies.TenantMember);

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_database.Settings)
            .Build();
        Services.AddLogging().AddDataTricksDomain(configuration).AddDataTricksSingleSignOn().UseFastPasswordHashing()
            .AddInterceptor(_database.Provider, Reads);
        await using (var db = _database.CreateContext(TenantScope.System))
        {
            var customer = Customer.Create("Component Co", DateTimeOffset.UtcNow);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            CustomerId = customer.Id;
        }
        Services.GetRequiredService<TenantContext>().Set(TenantScope.ForAdmin(CustomerId));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
