using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataTricks.Domain.Infrastructure.CloudSimulator;

/// <summary>
/// How nodes talk to the simulated cloud when it runs as its own service: the routes, the JSON, and how a fault
/// travels (a transient one as 503, a permanent one as 422, each with its code and message).
/// </summary>
public static class SimulatedCloudProtocol
{
    public const string BeginRoute = "/calls/begin";
    public const string CheckRoute = "/calls/check";
    public const string LiveResourcesRoute = "/environments/{environmentId:guid}/live-resources";
    public const string FaultsRoute = "/faults";

    public static string LiveResourcesOf(Guid environmentId) => $"/environments/{environmentId}/live-resources";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
    };
}

/// <summary>A fault the cloud answered with.</summary>
public sealed record CloudFault(string Code, string Message);

/// <summary>A fault to inject: the next <paramref name="Times"/> calls named <paramref name="Call"/> fail when begun.</summary>
public sealed record CloudFaultInjection(string Call, bool Permanent, string Message, int Times = 1);
