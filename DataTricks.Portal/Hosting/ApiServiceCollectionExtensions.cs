using System.Text.Json.Serialization;
using DataTricks.Portal.Api;
using DataTricks.Portal.Api.OpenApi;
using Microsoft.AspNetCore.Routing;

namespace DataTricks.Portal.Hosting;

public static class ApiServiceCollectionExtensions
{
    /// <summary>JSON (camelCase, enums as strings) and RFC 9457 problem details for every API error.</summary>
    public static IServiceCollection AddDataTricksApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // A number is a number: "5" for minWorkers is a client bug worth a 400, and the schema stays `integer`.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTypes.Customize);
        services.AddScoped<OperationWaiter>();
        services.AddScoped<EventFeedWaiter>();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiOperationTransformer>();
            options.AddSchemaTransformer<ContractSchemaTransformer>();
        });
        // Malformed bodies answer 400 problem details rather than throwing into the developer exception page.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        return services;
    }
}
