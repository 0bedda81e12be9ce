using System.Collections.Concurrent;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Lets a cancel request stop an operation running in this process at once. Operations running in another
/// process notice the request stored on the operation when they next renew their lease.
/// </summary>
public sealed class OperationCancellations
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public IDisposable Register(Guid operationId, CancellationTokenSource cancellation)
    {
        _running[operationId] = cancellation;
        return new Registration(this, operationId);
    }

    public void Cancel(Guid operationId)
    {
        if (!_running.TryGetValue(operationId, out var cancellation))
            return;
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The operation finished between the lookup and the cancel: there is nothing left to stop.
        }
    }

    private sealed class Registration(OperationCancellations owner, Guid operationId) : IDisposable
    {
        public void Dispose() => owner._running.TryRemove(operationId, out _);
    }
}
