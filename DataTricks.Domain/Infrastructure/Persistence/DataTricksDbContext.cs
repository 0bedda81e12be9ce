using System.Linq.Expressions;
using System.Reflection;
using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Scim;
using DataTricks.Domain.Events;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Idempotency;
using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Repos;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.SupportAccess;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Domain.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>
/// The DataTricks schema. Each provider has its own subclass so that each has its own migrations set.
/// Every tenant-owned entity carries the <see cref="TenantFilter"/> query filter, and saving refuses rows
/// of a customer other than the current one, so a forgotten <c>Where</c> cannot leak or corrupt another tenant.
/// </summary>
/// <remarks>
/// Add a migration to every provider (from the repository root, after <c>dotnet tool restore</c>):
/// <code>
/// dotnet ef migrations add NAME --project DataTricks.Domain --startup-project DataTricks.Domain --context SqliteDataTricksDbContext --output-dir Infrastructure/Persistence/Migrations/Sqlite
/// dotnet ef migrations add NAME --project DataTricks.Domain --startup-project DataTricks.Domain --context SqlServerDataTricksDbContext --output-dir Infrastructure/Persistence/Migrations/SqlServer
/// dotnet ef migrations add NAME --project DataTricks.Domain --startup-project DataTricks.Domain --context PostgreSqlDataTricksDbContext --output-dir Infrastructure/Persistence/Migrations/PostgreSql
/// </code>
/// </remarks>
public abstract class DataTricksDbContext(DbContextOptions options, ITenantContext tenant)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The name of the tenant query filter, for the few platform-wide queries that lift it. Lifting it applies to the
    /// whole query, subqueries included: never compose a lifted set into a query of tenant data; query it on its own.
    /// </summary>
    public const string TenantFilter = "Tenant";

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ComputeEnvironment> ComputeEnvironments => Set<ComputeEnvironment>();
    public DbSet<Repo> Repos => Set<Repo>();
    public DbSet<RepoMember> RepoMembers => Set<RepoMember>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<RepoGroupGrant> RepoGroupGrants => Set<RepoGroupGrant>();
    public DbSet<Operation> Operations => Set<Operation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<ImpersonationSession> ImpersonationSessions => Set<ImpersonationSession>();
    public DbSet<OperationStepRecord> OperationSteps => Set<OperationStepRecord>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<SupportAccessGrant> SupportAccessGrants => Set<SupportAccessGrant>();
    public DbSet<EnvironmentChange> EnvironmentChanges => Set<EnvironmentChange>();
    public DbSet<CustomerEvent> CustomerEvents => Set<CustomerEvent>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<PortalSession> PortalSessions => Set<PortalSession>();
    public DbSet<AccessChange> AccessChanges => Set<AccessChange>();
    public DbSet<SsoConnection> SsoConnections => Set<SsoConnection>();
    public DbSet<SsoDomain> SsoDomains => Set<SsoDomain>();
    public DbSet<SsoBreakGlassAdmin> SsoBreakGlassAdmins => Set<SsoBreakGlassAdmin>();
    public DbSet<SsoLink> SsoLinks => Set<SsoLink>();
    public DbSet<ScimToken> ScimTokens => Set<ScimToken>();

    /// <summary>The keys that protect cookies and access tokens, shared by every portal process on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Read by the query filters at execution time, so one context follows its tenant context's changes.
    private Guid? CurrentCustomerId => tenant.CustomerId;
    private bool SeesAllTenants => tenant.IsSystem;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DataTricksDbContext).Assembly);

        builder.Entity<Customer>().HasQueryFilter(TenantFilter, c => SeesAllTenants || c.Id == CurrentCustomerId);
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
            builder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter, TenantFilterFor(entityType.ClrType));
    }

    /// <summary>Builds <c>e => SeesAllTenants || e.CustomerId == CurrentCustomerId</c> for one entity type.</summary>
    private LambdaExpression TenantFilterFor(Type entityClrType)
    {
        var entity = Expression.Parameter(entityClrType, "e");
        var context = Expression.Constant(this, typeof(DataTricksDbContext));
        var customerId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.CustomerId)), typeof(Guid?));
        var body = Expression.OrElse(
            Expression.Property(context, ContextProperty(nameof(SeesAllTenants))),
            Expression.Equal(customerId, Expression.Property(context, ContextProperty(nameof(CurrentCustomerId)))));
        return Expression.Lambda(body, entity);
    }

    private static PropertyInfo ContextProperty(string name) =>
        typeof(DataTricksDbContext).GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic)!;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseWritesOutsideTenant();
        var staged = StageEnvironmentChanges();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch
        {
            Unstage(staged);
            throw;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseWritesOutsideTenant();
        var staged = StageEnvironmentChanges();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch
        {
            Unstage(staged);
            throw;
        }
    }

    /// <summary>
    /// The outbox: every environment this save adds or changes gets an <see cref="EnvironmentChange"/> with its snapshot
    /// in the same transaction, so other nodes learn of exactly the changes that were saved, whoever made them; and
    /// the customer's event (<see cref="EnvironmentEvents"/>) carries that same snapshot.
    /// </summary>
    private List<object> StageEnvironmentChanges()
    {
        var staged = new List<object>();
        var changed = ChangeTracker.Entries<ComputeEnvironment>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        if (changed.Count == 0)
            return staged;
        var operations = ChangeTracker.Entries<Operation>().Select(o => o.Entity).ToDictionary(o => o.Id);
        foreach (var entry in changed)
        {
            var environment = entry.Entity;
            var current = environment.CurrentOperationId is { } id ? operations.GetValueOrDefault(id) : null;
            var snapshot = EnvironmentSnapshot.Of(environment, current);
            staged.Add(EnvironmentChange.Of(snapshot, NodeIdentity.Current));
            if (EnvironmentEvents.TypeOf(entry) is { } type)
                staged.Add(CustomerEvent.Of(type, snapshot.CustomerId, snapshot.Id, snapshot, snapshot.UpdatedAt));
        }
        AddRange(staged);
        return staged;
    }

    // A failed save leaves the tracker as it was, so a retry stages its changes afresh.
    private void Unstage(List<object> staged)
    {
        foreach (var row in staged)
            Entry(row).State = EntityState.Detached;
    }

    private void RefuseWritesOutsideTenant()
    {
        if (tenant.IsSystem)
            return;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity.CustomerId != tenant.CustomerId)
                throw new CrossTenantWriteException(entry.Metadata.ClrType.Name, entry.Entity.CustomerId, tenant.CustomerId);
        }
    }
}
