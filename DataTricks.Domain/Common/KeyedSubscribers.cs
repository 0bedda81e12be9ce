using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Common;

/// <summary>
/// In-process subscribers grouped by a key (a customer, a user): a message reaches the subscribers of its key only.
/// Each is delivered on its own, so a slow or failing subscriber delays or breaks nobody else.
/// </summary>
public sealed class KeyedSubscribers<TMessage>(ILogger logger)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<TMessage, Task>>> _subscribers = new();

    public IDisposable Subscribe(Guid key, Func<TMessage, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(key, _ => new())[id] = handler;
        return new Subscription(this, key, id);
    }

    public int Count(Guid key) => _subscribers.TryGetValue(key, out var handlers) ? handlers.Count : 0;

    public void Publish(Guid key, TMessage message)
    {
        if (!_subscribers.TryGetValue(key, out var handlers))
            return;
        foreach (var handler in handlers.Values)
            _ = DeliverAsync(handler, key, message);
    }

    private async Task DeliverAsync(Func<TMessage, Task> handler, Guid key, TMessage message)
    {
        try
        {
            await handler(message);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "A subscriber of {Key} failed to handle {Message}", key, message);
        }
    }

    private sealed class Subscription(KeyedSubscribers<TMessage> owner, Guid key, Guid id) : IDisposable
    {
        public void Dispose()
        {
            if (owner._subscribers.TryGetValue(key, out var handlers))
                handlers.TryRemove(id, out _);
        }
    }
}
