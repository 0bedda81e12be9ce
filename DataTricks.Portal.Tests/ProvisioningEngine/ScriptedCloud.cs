using System.Collections.Concurrent;
using DataTricks.Domain.Cloud;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>
/// A cloud the test scripts: faults to throw per call, a call to hang on, a crash right after a resource is made.
/// It keeps resources by idempotency key, as the real contract demands, so repeated calls are visible as such.
/// </summary>
internal sealed class ScriptedCloud : ICloud
{
    private readonly ConcurrentDictionary<string, Queue<Exception>> _faults = new();
    private readonly ConcurrentDictionary<string, (CloudResourceKind Kind, Guid EnvironmentId, bool Deleted)> _resources = new();

    public ConcurrentQueue<string> Calls { get; } = new();
    public string? HangOn { get; set; }
    public string? CrashAfterWorkOn { get; set; }

    public void Fail(string call, params Exception[] faults) => _faults[call] = new Queue<Exception>(faults);

    public int Live(Guid environmentId) => _resources.Values.Count(r => r.EnvironmentId == environmentId && !r.Deleted);

    public int Made(Guid environmentId, CloudResourceKind kind) => _resources.Values.Count(r => r.EnvironmentId == environmentId && r.Kind == kind);

    public async Task<string> EnsureResourceAsync(CloudResourceRequest request, CancellationToken cancellationToken)
    {
        var call = $"create {request.Kind}";
        await BeforeAsync(call, cancellationToken);
        _resources.TryAdd(request.IdempotencyKey, (request.Kind, request.EnvironmentId, false));
        if (CrashAfterWorkOn == call)
        {
            CrashAfterWorkOn = null;
            throw new InvalidOperationException("The process died right after the cloud made the resource.");
        }
        return request.IdempotencyKey;
    }

    public async Task VerifyClusterAsync(Guid environmentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await BeforeAsync("verify cluster", cancellationToken);
        if (!_resources.Values.Any(r => r.EnvironmentId == environmentId && r.Kind == CloudResourceKind.Cluster && !r.Deleted))
            throw new PermanentCloudException("ClusterNotFound", "No cluster answers.");
    }

    public async Task DeleteResourcesAsync(Guid environmentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await BeforeAsync("delete resources", cancellationToken);
        foreach (var (key, resource) in _resources.Where(r => r.Value.EnvironmentId == environmentId).ToList())
            _resources[key] = resource with { Deleted = true };
    }

    private async Task BeforeAsync(string call, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        if (HangOn == call)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (_faults.TryGetValue(call, out var faults) && faults.TryDequeue(out var fault))
            throw fault;
    }
}
