using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DataTricks.Portal.Tests.Persistence;

/// <summary>
/// There is no SQL Server here, so its migrations are checked by building them: they must match the model,
/// generate a script, and describe the same tables, keys and foreign keys as the SQLite and PostgreSQL ones.
/// (PostgreSQL's also run for real when the suite targets it.)
/// </summary>
public sealed class ProviderModelConsistencyTests
{
    private static SqliteDataTricksDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteDataTricksDbContext>().UseSqlite("Data Source=:memory:").Options, new TenantContext(TimeProvider.System));

    private static PostgreSqlDataTricksDbContext PostgreSql() =>
        new(new DbContextOptionsBuilder<PostgreSqlDataTricksDbContext>().UseNpgsql("Host=unused;Database=unused").Options, new TenantContext(TimeProvider.System));

    private static SqlServerDataTricksDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerDataTricksDbContext>().UseSqlServer("Server=unused;Database=unused").Options, new TenantContext(TimeProvider.System));

    [Fact]
    public void Every_provider_has_migrations_up_to_date_with_the_model()
    {
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();
        using var postgreSql = PostgreSql();

        Assert.False(sqlite.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SqliteDataTricksDbContext.");
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SqlServerDataTricksDbContext.");
        Assert.False(postgreSql.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for PostgreSqlDataTricksDbContext.");
    }

    [Fact]
    public void SqlServer_migration_script_generates_with_the_composite_tenant_keys()
    {
        using var sqlServer = SqlServer();

        var script = sqlServer.GetService<IMigrator>().GenerateScript();

        Assert.Contains("CREATE TABLE [Repos]", script);
        Assert.Contains("FOREIGN KEY ([CustomerId], [ComputeEnvironmentId]) REFERENCES [ComputeEnvironments] ([CustomerId], [Id])", script);
        Assert.Contains("FOREIGN KEY ([CustomerId], [RepoId]) REFERENCES [Repos] ([CustomerId], [Id]) ON DELETE CASCADE", script);
        Assert.Contains("FOREIGN KEY ([CustomerId], [UserId]) REFERENCES [Users] ([CustomerId], [Id]) ON DELETE CASCADE", script);
    }

    [Fact]
    public void PostgreSql_migration_script_generates_with_the_composite_tenant_keys()
    {
        using var postgreSql = PostgreSql();

        var script = postgreSql.GetService<IMigrator>().GenerateScript();

        Assert.Contains("FOREIGN KEY (\"CustomerId\", \"ComputeEnvironmentId\") REFERENCES \"ComputeEnvironments\" (\"CustomerId\", \"Id\")", script);
        Assert.Contains("FOREIGN KEY (\"CustomerId\", \"UserId\") REFERENCES \"Users\" (\"CustomerId\", \"Id\") ON DELETE CASCADE", script);
    }

    [Fact]
    public void Every_provider_describes_the_same_tables_keys_and_foreign_keys()
    {
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();
        using var postgreSql = PostgreSql();

        Assert.Equal(Describe(sqlite), Describe(sqlServer));
        Assert.Equal(Describe(sqlite), Describe(postgreSql));
    }

    [Fact]
    public void Every_provider_filters_the_environment_name_index_to_live_environments()
    {
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();
        using var postgreSql = PostgreSql();

        foreach (DbContext context in new DbContext[] { sqlite, sqlServer, postgreSql })
        {
            var index = Table(context, "ComputeEnvironments").Indexes.Single(i => i.Columns.Select(c => c.Name).SequenceEqual(["CustomerId", "NormalizedName"]));
            Assert.True(index.IsUnique);
            Assert.Equal("\"Status\" <> 'Deleted'", index.Filter);
        }
    }

    private static ITable Table(DbContext context, string name) =>
        context.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Single(t => t.Name == name);

    /// <summary>
    /// The provider-neutral shape of the schema. Index filters are left out: SQL Server adds "IS NOT NULL"
    /// filters of its own to unique indexes on nullable columns.
    /// </summary>
    private static List<string> Describe(DbContext context)
    {
        var lines = new List<string>();
        foreach (var table in context.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables)
        {
            lines.Add($"table {table.Name}");
            lines.AddRange(table.Columns.Select(c => $"column {table.Name}.{c.Name} null={c.IsNullable}"));
            lines.AddRange(table.UniqueConstraints.Select(k => $"key {table.Name}({Columns(k.Columns)}) primary={k.GetIsPrimaryKey()}"));
            lines.AddRange(table.Indexes.Select(i => $"index {table.Name}({Columns(i.Columns)}) unique={i.IsUnique}"));
            lines.AddRange(table.ForeignKeyConstraints.Select(f =>
                $"fk {table.Name}({Columns(f.Columns)}) -> {f.PrincipalTable.Name}({Columns(f.PrincipalColumns)}) {f.OnDeleteAction}"));
            lines.AddRange(table.CheckConstraints.Select(c => $"check {table.Name}.{c.Name}"));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(",", columns.Select(c => c.Name));
}
