using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Common;

/// <summary>
/// Tells the in-process subscribers of one key (a customer, a user) that something of theirs changed, with nothing
/// more: each re-reads what it shows. The notifiers of the domain are its kinds.
/// </summary>
public abstract class KeyedSignal(ILogger logger)
{
    private readonly KeyedSubscribers<Guid> _subscribers = new(logger);

    public IDisposable Subscribe(Guid key, Func<Task> handler) => _subscribers.Subscribe(key, _ => handler());

    public void Publish(Guid key) => _subscribers.Publish(key, key);
}
