using System.Text.Json.Serialization;
using DataTricks.Portal.Api;
using Microsoft.AspNetCore.Routing;

namespace DataTricks.Portal.Hosting;

public static class ApiServiceCollectionExtensions
{
    /// <summary>JSON (camelCase, enums as strings) and RFC 9457 problem details for every API error.</summary>
    public static IServiceCollection AddDataTricksApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        // Malformed bodies answer 400 problem details rather than throwing into the developer exception page.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        return services;
    }
}
