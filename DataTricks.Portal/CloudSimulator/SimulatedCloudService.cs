using DataTricks.Domain.Cloud;
using DataTricks.Domain.Infrastructure.CloudSimulator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataTricks.Portal.CloudSimulator;

/// <summary>
/// The simulated cloud as a service of its own (<c>dotnet DataTricks.Portal.dll --simulated-cloud</c>), for a cluster:
/// every node calls it at <c>SimulatedCloud:Url</c>, so no node shares a file with another, and a node killed mid-call
/// leaves its work here for the node that takes its operations over. It runs no portal.
/// </summary>
public static class SimulatedCloudService
{
    public const string Switch = "--simulated-cloud";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args.Where(arg => arg != Switch).ToArray());
        builder.Services.AddOptions<SimulatedCloudOptions>().Bind(builder.Configuration.GetSection(SimulatedCloudOptions.SectionName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatedCloud>();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            foreach (var converter in SimulatedCloudProtocol.Json.Converters)
                options.SerializerOptions.Converters.Add(converter);
        });
        var app = builder.Build();
        app.MapGet("/healthz", () => TypedResults.Ok());
        app.MapPost(SimulatedCloudProtocol.BeginRoute, BeginAsync);
        app.MapPost(SimulatedCloudProtocol.CheckRoute, CheckAsync);
        app.MapGet(SimulatedCloudProtocol.LiveResourcesRoute, LiveResourcesAsync);
        app.MapPost(SimulatedCloudProtocol.FaultsRoute, InjectFaultAsync);
        return app;
    }

    public static Task<Results<Ok<CloudProgress>, JsonHttpResult<CloudFault>>> BeginAsync(CloudCall call, SimulatedCloud cloud, CancellationToken cancellationToken) =>
        AnswerAsync(() => cloud.BeginAsync(call, cancellationToken));

    public static Task<Results<Ok<CloudProgress>, JsonHttpResult<CloudFault>>> CheckAsync(CloudCall call, SimulatedCloud cloud, CancellationToken cancellationToken) =>
        AnswerAsync(() => cloud.CheckAsync(call, cancellationToken));

    /// <summary>The progress, or the cloud's fault as the protocol carries it: a permanent one as 422, a transient one as 503.</summary>
    private static async Task<Results<Ok<CloudProgress>, JsonHttpResult<CloudFault>>> AnswerAsync(Func<Task<CloudProgress>> call)
    {
        try
        {
            return TypedResults.Ok(await call());
        }
        catch (CloudException fault)
        {
            var status = fault is PermanentCloudException ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status503ServiceUnavailable;
            return TypedResults.Json(new CloudFault(fault.Code, fault.Message), SimulatedCloudProtocol.Json, statusCode: status);
        }
    }

    public static async Task<Ok<IReadOnlySet<CloudResourceKind>>> LiveResourcesAsync(Guid environmentId, SimulatedCloud cloud, CancellationToken cancellationToken) =>
        TypedResults.Ok(await cloud.LiveResourcesAsync(environmentId, cancellationToken));

    public static async Task<NoContent> InjectFaultAsync(CloudFaultInjection fault, SimulatedCloud cloud, CancellationToken cancellationToken)
    {
        await cloud.InjectFaultAsync(fault.Call, fault.Permanent, fault.Message, fault.Times, cancellationToken);
        return TypedResults.NoContent();
    }
}
