using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace DataTricks.Portal.Tests.Persistence;

/// <summary>Each node opens at most <c>Database:MaxPoolSize</c> connections, whatever its connection string says.</summary>
public sealed class PoolSizeTests
{
    [Fact]
    public void A_postgresql_node_pools_at_most_the_configured_connections()
    {
        var sized = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, MaxPoolSize = 7 }.Sized("Host=db;Database=dt;Maximum Pool Size=100");

        var builder = new NpgsqlConnectionStringBuilder(sized);
        Assert.Equal((7, "db", "dt"), (builder.MaxPoolSize, builder.Host, builder.Database));
    }

    [Fact]
    public void A_sql_server_node_pools_at_most_the_configured_connections()
    {
        var sized = new DatabaseOptions { Provider = DatabaseProvider.SqlServer, MaxPoolSize = 9 }.Sized("Server=db;Database=dt");

        var builder = new SqlConnectionStringBuilder(sized);
        Assert.Equal((9, "db", "dt"), (builder.MaxPoolSize, builder.DataSource, builder.InitialCatalog));
    }

    [Fact]
    public void By_default_a_node_pools_32_and_sqlite_is_left_as_it_is()
    {
        Assert.Equal(32, new NpgsqlConnectionStringBuilder(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql }.Sized("Host=db")).MaxPoolSize);
        Assert.Equal("Data Source=x.db", new DatabaseOptions().Sized("Data Source=x.db"));
    }
}
