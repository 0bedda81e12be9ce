using DataTricks.Domain.Persistence;
using MudBlazor.Services;

namespace DataTricks.Portal.Hosting;

public static class PortalServiceCollectionExtensions
{
    /// <summary>The Blazor UI, MudBlazor and the health checks.</summary>
    public static IServiceCollection AddDataTricksPortal(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHealthChecks().AddDbContextCheck<DataTricksDbContext>();
        services.AddHostedService<ProvisioningWorker>();
        services.AddHostedService<SupportAccessExpiryWorker>();
        services.AddHostedService<ReconcileWorker>();
        return services;
    }
}
