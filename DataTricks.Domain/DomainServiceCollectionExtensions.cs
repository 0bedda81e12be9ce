using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.Cloud;
using DataTricks.Domain.ComputeEnvironments;
using DataTricks.Domain.Customers;
using DataTricks.Domain.Events;
using DataTricks.Domain.Scim;
using DataTricks.Domain.Groups;
using DataTricks.Domain.Idempotency;
using DataTricks.Domain.Dashboard;
using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Infrastructure.CloudSimulator;
using DataTricks.Domain.Infrastructure.Identity;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Infrastructure.Seeding;
using DataTricks.Domain.Provisioning;
using DataTricks.Domain.Repos;
using DataTricks.Domain.SingleSignOn;
using DataTricks.Domain.SupportAccess;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using DataTricks.Domain.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataTricks.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>The database of the configured provider, Identity's stores and the domain services.</summary>
    public static IServiceCollection AddDataTricksDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        services.AddOptions<DemoSeedOptions>().Bind(configuration.GetSection(DemoSeedOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());

        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.Sized(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? DatabaseOptions.DefaultConnectionString);
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                AddDatabase<SqlServerDataTricksDbContext>(services, o => o.UseSqlServer(connectionString), (o, tenant) => new(o, tenant));
                break;
            case DatabaseProvider.PostgreSql:
                AddDatabase<PostgreSqlDataTricksDbContext>(services, o => o.UseNpgsql(connectionString), (o, tenant) => new(o, tenant));
                break;
            default:
                AddDatabase<SqliteDataTricksDbContext>(services, o => o.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionTuning()), (o, tenant) => new(o, tenant));
                break;
        }

        services.AddSingleton<EventWakeup>();
        services.AddSingleton<EventWakeupInterceptor>();
        services.AddIdentityCore<User>(ConfigureIdentity)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<DataTricksDbContext>()
            .AddUserStore<PlatformUserStore>()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>();

        services.AddScoped<AuditLog>();
        services.AddScoped<EventLog>();
        services.AddScoped<EventFeedService>();
        services.AddSingleton<EventFeedSignal>();
        services.AddSingleton<EventSequencer>();
        services.AddSingleton<EventRetention>();
        AddWebhooks(services, configuration);
        services.AddScoped<AuditQueryService>();
        services.AddScoped<AccessTokenService>();
        services.AddScoped<CustomerDirectoryService>();
        services.AddScoped<CustomerService>();
        services.AddScoped<SignupService>();
        services.AddScoped<ImpersonationService>();
        services.AddScoped<SupportAccessService>();
        // Client secrets of customers' providers are sealed with it; the portal says where its keys live.
        services.AddDataProtection();
        services.AddOptions<SsoOptions>().Bind(configuration.GetSection(SsoOptions.SectionName));
        services.AddScoped<SsoConnectionService>();
        services.AddScoped<SsoSignInService>();
        services.AddScoped<ComputeEnvironmentService>();
        services.AddScoped<UserService>();
        services.AddScoped<ProfileService>();
        services.AddScoped<PortalSessionService>();
        services.AddScoped<SignInHistory>();
        services.AddScoped<CurrentRights>();
        services.AddSingleton<UserAccessNotifier>();
        services.AddScoped<Authority>();
        services.AddScoped<AdminRules>();
        services.AddScoped<RepoService>();
        services.AddScoped<RepoAccessService>();
        services.AddScoped<GroupService>();
        services.AddScoped<ScimTokenService>();
        services.AddScoped<ScimUserService>();
        services.AddScoped<ScimGroupService>();
        services.AddSingleton<RepoAccessNotifier>();
        services.AddScoped<DashboardService>();
        services.AddScoped<OperationService>();
        services.AddScoped<ProvisioningHistory>();
        services.AddScoped<EnvironmentDeletion>();
        AddProvisioning(services, configuration);
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// The request-scoped context of the provider, and <see cref="TenantDbContextFactory"/> for units of work without a DI scope.
    /// The options are a singleton so both share them.
    /// </summary>
    private static void AddDatabase<TContext>(
        IServiceCollection services, Action<DbContextOptionsBuilder> configure, Func<DbContextOptions<TContext>, ITenantContext, TContext> create)
        where TContext : DataTricksDbContext
    {
        services.AddDbContext<DataTricksDbContext, TContext>(
            (sp, options) => configure(options.AddInterceptors(sp.GetRequiredService<EventWakeupInterceptor>())), optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(sp => new TenantDbContextFactory(
            tenant => create(sp.GetRequiredService<DbContextOptions<TContext>>(), tenant), sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>The cloud: its service when the configuration names one, else a simulated cloud of this node's own.</summary>
    private static void AddCloud(IServiceCollection services, SimulatedCloudOptions cloud)
    {
        if (cloud.Url is null)
        {
            services.AddSingleton<ICloud, SimulatedCloud>();
            return;
        }
        // One client for the node's life: its handler pools the connections and renews them every few minutes.
        services.AddSingleton<ICloud>(_ => new SimulatedCloudClient(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = cloud.Url,
            Timeout = cloud.Timeout,
        }));
    }

    /// <summary>The provisioning engine: queue, leases, runner, notifier, and the simulated cloud behind <see cref="ICloud"/>.</summary>
    private static void AddProvisioning(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvisioningOptions>().Bind(configuration.GetSection(ProvisioningOptions.SectionName));
        services.AddOptions<SimulatedCloudOptions>().Bind(configuration.GetSection(SimulatedCloudOptions.SectionName));
        AddCloud(services, configuration.GetSection(SimulatedCloudOptions.SectionName).Get<SimulatedCloudOptions>() ?? new());
        services.AddSingleton<WorkerWakeup>();
        services.AddSingleton<EnvironmentChangeNotifier>();
        services.AddSingleton<OperationLeases>();
        services.AddSingleton<IdempotencyRecords>();
        services.AddSingleton<IdempotentRequests>();
        services.AddSingleton<OperationHandler, CreateHandler>();
        services.AddSingleton<OperationHandler, DeleteHandler>();
        services.AddSingleton<OperationHandler, ResizeHandler>();
        services.AddSingleton<OperationHandler, RepairHandler>();
        services.AddSingleton<OperationKinds>();
        services.AddSingleton<OperationRunner>();
        services.AddSingleton<EnvironmentReconciler>();
        services.AddScoped<OperationDispatch>();
    }

    /// <summary>Webhook endpoints and the database side of deliveries; the portal posts them.</summary>
    private static void AddWebhooks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName));
        services.AddSingleton<IHostAddresses, DnsHostAddresses>();
        services.AddSingleton<DeliveryWakeup>();
        services.AddSingleton<WebhookActivity>();
        services.AddSingleton<WebhookDeliveryLeases>();
        services.AddSingleton<WebhookDeliveryRunner>();
        services.AddScoped<WebhookEndpointService>();
    }

    private static void ConfigureIdentity(IdentityOptions identity)
    {
        identity.User.RequireUniqueEmail = true;
        // The user name is the e-mail address, which EmailRules has already checked: Identity's default character list
        // would refuse real addresses such as o'brien@ or jürgen@ with a message about a "username" nobody chose.
        identity.User.AllowedUserNameCharacters = "";
        identity.Password.RequiredLength = 10;
        identity.Password.RequireDigit = true;
        identity.Password.RequireLowercase = true;
        identity.Password.RequireUppercase = true;
        identity.Password.RequireNonAlphanumeric = true;
        // No lockout: anyone who knows an address could lock its owner out. The portal slows guesses per account and
        // client address instead (SignInBackoff).
        identity.Lockout.AllowedForNewUsers = false;
    }
}
