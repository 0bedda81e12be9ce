using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataTricks.Portal.Tests.Support;

/// <summary>The whole portal in memory, on a SQLite file of its own, with the demo seeded.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TempSqliteFile _database = new();

    public string ConnectionString => _database.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:DataTricks", _database.ConnectionString);
        builder.UseSetting("Seed:Demo", "true");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
        GC.SuppressFinalize(this);
    }
}
