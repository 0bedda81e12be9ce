using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Repos;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Persistence;

/// <summary>
/// The DataTricks schema. Each provider has its own subclass so that each has its own migrations set.
/// </summary>
/// <remarks>
/// Add a migration to every provider (from the repository root, after <c>dotnet tool restore</c>):
/// <code>
/// dotnet ef migrations add NAME --project DataTricks.Domain --startup-project DataTricks.Domain --context SqliteDataTricksDbContext --output-dir Persistence/Migrations/Sqlite
/// dotnet ef migrations add NAME --project DataTricks.Domain --startup-project DataTricks.Domain --context SqlServerDataTricksDbContext --output-dir Persistence/Migrations/SqlServer
/// </code>
/// </remarks>
public abstract class DataTricksDbContext(DbContextOptions options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ComputeEnvironment> ComputeEnvironments => Set<ComputeEnvironment>();
    public DbSet<Repo> Repos => Set<Repo>();
    public DbSet<RepoMember> RepoMembers => Set<RepoMember>();
    public DbSet<Operation> Operations => Set<Operation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DataTricksDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
