using DataTricks.Domain.Common;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Provisioning;

/// <summary>Publishes every environment transition to the subscribers of that environment's customer, within the process.</summary>
public sealed class EnvironmentStatusNotifier(ILogger<EnvironmentStatusNotifier> logger)
{
    private readonly KeyedSubscribers<EnvironmentStatusChanged> _subscribers = new(logger);

    public IDisposable Subscribe(Guid customerId, Func<EnvironmentStatusChanged, Task> handler) => _subscribers.Subscribe(customerId, handler);

    public int SubscriberCount(Guid customerId) => _subscribers.Count(customerId);

    public void Publish(EnvironmentStatusChanged change) => _subscribers.Publish(change.CustomerId, change);
}
