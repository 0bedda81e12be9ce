using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
            // An enum is one of its names, as the document lists them: 1 for a role is a client bug, not "Admin".
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            // A number is a number: "5" for minWorkers is a client bug worth a 400, and the schema stays `integer`.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // The body is held to the document: a field it does not list (a typo like `nmae`) and a field it requires
            // but the body lacks are refused with a 400 naming them, never taken as "change nothing".
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(RequiredFields.Apply);
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTypes.Customize);
        services.AddExceptionHandler<UnreadableRequestHandler>();
        services.AddScoped<OperationWaiter>();
        services.AddScoped<EventFeedWaiter>();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiOperationTransformer>();
            options.AddSchemaTransformer<ContractSchemaTransformer>();
        });
        // A request the framework cannot read throws, so that UnreadableRequestHandler can say which field is wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
