using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Webhooks;
using DataTricks.Portal.Components.Shared;
using DataTricks.Portal.Webhooks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace DataTricks.Portal.Hosting;

public static class PortalServiceCollectionExtensions
{
    /// <summary>The Blazor UI (its components call services through <see cref="PerCall{TService}"/>), MudBlazor, the health checks and the workers.</summary>
    public static IServiceCollection AddDataTricksPortal(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddPortalComponentServices();
        services.AddHealthChecks().AddDbContextCheck<DataTricksDbContext>();
        services.AddHostedService<ProvisioningWorker>();
        services.AddHostedService<SupportAccessExpiryWorker>();
        services.AddHostedService<IdempotencyCleanupWorker>();
        services.AddHostedService<ReconcileWorker>();
        services.AddHostedService<OutboxTailer>();
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookSender.CreateHandler(sp.GetRequiredService<IHostAddresses>(), sp.GetRequiredService<IOptions<WebhookOptions>>()))
            // The sender applies its own timeout and reads the answer itself; the client's would only compete.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<EventSequencerWorker>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }

    /// <summary>What the components themselves need: MudBlazor and the portal's per-circuit helpers. The bUnit tests use it too.</summary>
    public static IServiceCollection AddPortalComponentServices(this IServiceCollection services)
    {
        // Snackbars appear at the bottom, clear of the user menu in the top corner.
        services.AddMudServices(config => config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        services.AddScoped(typeof(PerCall<>));
        services.AddScoped<Components.Layout.ThemePreference>();
        services.AddScoped<Clipboard>();
        services.AddScoped<Components.Pages.Environments.EnvironmentActions>();
        return services;
    }
}
