using DataTricks.Domain.Infrastructure.Persistence;

namespace DataTricks.Portal.Hosting;

public static class DatabaseStartup
{
    /// <summary>Migrates and seeds before the portal takes requests, so the first request finds a usable database.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }
}
