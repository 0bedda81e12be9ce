using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DataTricks.Domain.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the portal.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDataTricksDbContext>
{
    public SqliteDataTricksDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDataTricksDbContext>().UseSqlite(DatabaseOptions.DefaultConnectionString).Options, new TenantContext(TimeProvider.System));
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerDataTricksDbContext>
{
    public SqlServerDataTricksDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerDataTricksDbContext>().UseSqlServer("Server=localhost;Database=DataTricks;Integrated Security=true;TrustServerCertificate=true").Options, new TenantContext(TimeProvider.System));
}

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDataTricksDbContext>
{
    public PostgreSqlDataTricksDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDataTricksDbContext>().UseNpgsql("Host=localhost;Database=datatricks").Options, new TenantContext(TimeProvider.System));
}
