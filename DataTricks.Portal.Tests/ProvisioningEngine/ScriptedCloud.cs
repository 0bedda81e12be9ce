using System.Collections.Concurrent;
using DataTricks.Domain.Cloud;

namespace DataTricks.Portal.Tests.ProvisioningEngine;

/// <summary>
/// A cloud the test scripts, on the test's clock: how long work takes (per call name), faults to throw when a call is
/// begun, a call whose work never ends, a crash right after the cloud started work. It keeps work and resources by
/// idempotency key, as the real contract demands, so a repeated call is visible as such.
/// </summary>
internal sealed class ScriptedCloud(TimeProvider time) : ICloud
{
    private readonly ConcurrentDictionary<string, Queue<Exception>> _faults = new();
    private int _waiting;
    private readonly ConcurrentDictionary<string, (CloudCall Call, DateTimeOffset ReadyAt)> _work = new();
    // By environment, then idempotency key: the engine asks about one environment at a time, among thousands.
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Resource>> _resources = new();

    /// <summary>Names of the calls begun, new work only, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Every begin and check the engine asked for, repeats included: "begin create Network", "check create Network".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>How long work takes, by call name; zero for any other.</summary>
    public ConcurrentDictionary<string, TimeSpan> WorkTime { get; } = new();

    /// <summary>How long each environment's cluster takes to make: to give many environments different finishing times.</summary>
    public ConcurrentDictionary<Guid, TimeSpan> ClusterTimeOf { get; } = new();

    public string? HangOn { get; set; }

    /// <summary>While set and not completed, a begun call waits for it before the cloud answers: a cloud slow to respond.</summary>
    public TaskCompletionSource? Answer { get; set; }

    /// <summary>How many begun calls are waiting for <see cref="Answer"/>.</summary>
    public int Waiting => _waiting;
    public string? CrashAfterWorkOn { get; set; }

    public void Fail(string call, params Exception[] faults) => _faults[call] = new Queue<Exception>(faults);

    public int Live(Guid environmentId) => Known(environmentId).Count(r => !r.Deleted);

    public int Made(Guid environmentId, CloudResourceKind kind) => Known(environmentId).Count(r => r.Kind == kind);

    /// <summary>Drift: the resource vanishes from the cloud behind the portal's back.</summary>
    public void Lose(Guid environmentId, CloudResourceKind kind) => Delete(environmentId, r => r.Kind == kind);

    public async Task<CloudProgress> BeginAsync(CloudCall call, CancellationToken cancellationToken)
    {
        Requests.Enqueue($"begin {call.Name}");
        if (Answer is { } answer)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await answer.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        if (_work.ContainsKey(call.IdempotencyKey))
            return Progress(call);
        if (_faults.TryGetValue(call.Name, out var faults) && faults.TryDequeue(out var fault))
        {
            Calls.Enqueue(call.Name);
            throw fault;
        }
        Calls.Enqueue(call.Name);
        var readyAt = HangOn == call.Name ? DateTimeOffset.MaxValue
            : time.GetUtcNow() + (call.Kind == CloudCallKind.CreateCluster && ClusterTimeOf.TryGetValue(call.EnvironmentId, out var own)
                ? own
                : WorkTime.GetValueOrDefault(call.Name));
        _work.TryAdd(call.IdempotencyKey, (call, readyAt));
        if (call.Makes is { } kind)
            ResourcesOf(call.EnvironmentId).TryAdd(call.IdempotencyKey, new Resource(kind, readyAt, false));
        if (CrashAfterWorkOn == call.Name)
        {
            CrashAfterWorkOn = null;
            throw new InvalidOperationException("The process died right after the cloud started the work.");
        }
        return Progress(call);
    }

    public Task<CloudProgress> CheckAsync(CloudCall call, CancellationToken cancellationToken)
    {
        Requests.Enqueue($"check {call.Name}");
        return Task.FromResult(Progress(call));
    }

    private CloudProgress Progress(CloudCall call)
    {
        if (!_work.TryGetValue(call.IdempotencyKey, out var work))
            return CloudProgress.Unknown;
        if (time.GetUtcNow() < work.ReadyAt)
            return CloudProgress.Until(work.ReadyAt);
        switch (call.Kind)
        {
            case CloudCallKind.VerifyCluster or CloudCallKind.ResizeCluster when !IsLive(call.EnvironmentId, CloudResourceKind.Cluster):
                throw new PermanentCloudException("ClusterNotFound", "No cluster answers.");
            case CloudCallKind.DeleteResources:
                Delete(call.EnvironmentId, _ => true);
                break;
        }
        return CloudProgress.Finished;
    }

    public Task<IReadOnlySet<CloudResourceKind>> LiveResourcesAsync(Guid environmentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<CloudResourceKind>>(Enum.GetValues<CloudResourceKind>().Where(k => IsLive(environmentId, k)).ToHashSet());

    private bool IsLive(Guid environmentId, CloudResourceKind kind) =>
        Known(environmentId).Any(r => r.Kind == kind && !r.Deleted && r.ReadyAt <= time.GetUtcNow());

    private ConcurrentDictionary<string, Resource> ResourcesOf(Guid environmentId) =>
        _resources.GetOrAdd(environmentId, _ => new());

    // Reads leave no empty entry behind for an environment the cloud never saw.
    private IEnumerable<Resource> Known(Guid environmentId) =>
        _resources.TryGetValue(environmentId, out var resources) ? resources.Values : [];

    private void Delete(Guid environmentId, Func<Resource, bool> which)
    {
        var resources = ResourcesOf(environmentId);
        foreach (var (key, resource) in resources.Where(r => which(r.Value)).ToList())
            resources[key] = resource with { Deleted = true };
    }

    private readonly record struct Resource(CloudResourceKind Kind, DateTimeOffset ReadyAt, bool Deleted);
}
