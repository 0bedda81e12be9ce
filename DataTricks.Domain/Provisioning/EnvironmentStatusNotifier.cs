using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Provisioning;

/// <summary>
/// Publishes every environment transition to the subscribers of that environment's customer, within the process.
/// A slow or failing subscriber delays or breaks nobody else.
/// </summary>
public sealed class EnvironmentStatusNotifier(ILogger<EnvironmentStatusNotifier> logger)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<EnvironmentStatusChanged, Task>>> _subscribers = new();

    public IDisposable Subscribe(Guid customerId, Func<EnvironmentStatusChanged, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(customerId, _ => new())[id] = handler;
        return new Subscription(this, customerId, id);
    }

    public int SubscriberCount(Guid customerId) => _subscribers.TryGetValue(customerId, out var handlers) ? handlers.Count : 0;

    public void Publish(EnvironmentStatusChanged change)
    {
        if (!_subscribers.TryGetValue(change.CustomerId, out var handlers))
            return;
        foreach (var handler in handlers.Values)
            _ = DeliverAsync(handler, change);
    }

    private async Task DeliverAsync(Func<EnvironmentStatusChanged, Task> handler, EnvironmentStatusChanged change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "A subscriber failed to handle the status change of environment {EnvironmentId}", change.EnvironmentId);
        }
    }

    private sealed class Subscription(EnvironmentStatusNotifier notifier, Guid customerId, Guid id) : IDisposable
    {
        public void Dispose()
        {
            if (notifier._subscribers.TryGetValue(customerId, out var handlers))
                handlers.TryRemove(id, out _);
        }
    }
}
