using DataTricks.Domain.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Portal.Tests.Support;

internal static class InterceptorRegistration
{
    /// <summary>
    /// Adds <paramref name="interceptor"/> to the contexts the domain makes, request-scoped and worker alike. EF applies
    /// extra configuration by the registered context's own type, which depends on the provider.
    /// </summary>
    public static IServiceCollection AddInterceptor(this IServiceCollection services, DatabaseProvider provider, IInterceptor interceptor) =>
        provider == DatabaseProvider.PostgreSql
            ? services.ConfigureDbContext<PostgreSqlDataTricksDbContext>(o => o.AddInterceptors(interceptor), ServiceLifetime.Singleton)
            : services.ConfigureDbContext<SqliteDataTricksDbContext>(o => o.AddInterceptors(interceptor), ServiceLifetime.Singleton);
}
