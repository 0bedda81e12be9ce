using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataTricks.Domain.Cloud;

namespace DataTricks.Domain.Infrastructure.CloudSimulator;

/// <summary>
/// The simulated cloud run as its own service (<c>SimulatedCloud:Url</c>), as every node of a cluster reaches a real
/// cloud: nothing of it is shared between nodes but its address. An answer that never came (refused, cut, timed out)
/// is a transient fault like the cloud's own throttling: begun again with the same idempotency key, it finds the work
/// the lost answer was about.
/// </summary>
public sealed class SimulatedCloudClient(HttpClient http) : ICloud
{
    public Task<CloudProgress> BeginAsync(CloudCall call, CancellationToken cancellationToken) =>
        SendAsync<CloudProgress>(() => http.PostAsJsonAsync(SimulatedCloudProtocol.BeginRoute, call, SimulatedCloudProtocol.Json, cancellationToken), cancellationToken);

    public Task<CloudProgress> CheckAsync(CloudCall call, CancellationToken cancellationToken) =>
        SendAsync<CloudProgress>(() => http.PostAsJsonAsync(SimulatedCloudProtocol.CheckRoute, call, SimulatedCloudProtocol.Json, cancellationToken), cancellationToken);

    public async Task<IReadOnlySet<CloudResourceKind>> LiveResourcesAsync(Guid environmentId, CancellationToken cancellationToken) =>
        await SendAsync<HashSet<CloudResourceKind>>(() => http.GetAsync(SimulatedCloudProtocol.LiveResourcesOf(environmentId), cancellationToken), cancellationToken);

    private static async Task<T> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception unanswered) when (unanswered is HttpRequestException || (unanswered is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientCloudException("Unreachable", "The cloud did not answer.");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return (await response.Content.ReadFromJsonAsync<T>(SimulatedCloudProtocol.Json, cancellationToken))!;
            var fault = await FaultOfAsync(response, cancellationToken);
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
                throw new PermanentCloudException(fault.Code, fault.Message);
            throw new TransientCloudException(fault.Code, fault.Message);
        }
    }

    /// <summary>The cloud's fault, or for an answer without one (a proxy's 502, a crash's 500) a fault naming its status.</summary>
    private static async Task<CloudFault> FaultOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var unexplained = new CloudFault("Unavailable", $"The cloud answered {(int)response.StatusCode}.");
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
            return unexplained;
        try
        {
            return await response.Content.ReadFromJsonAsync<CloudFault>(SimulatedCloudProtocol.Json, cancellationToken) is { Code: not null, Message: not null } fault
                ? fault
                : unexplained;
        }
        catch (JsonException)
        {
            return unexplained;
        }
    }
}
