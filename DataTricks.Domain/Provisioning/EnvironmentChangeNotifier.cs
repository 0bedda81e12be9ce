using DataTricks.Domain.Common;
using DataTricks.Domain.ComputeEnvironments;
using Microsoft.Extensions.Logging;

namespace DataTricks.Domain.Provisioning;

/// <summary>Publishes every environment's new snapshot to the subscribers of that environment's customer, within the process.</summary>
public sealed class EnvironmentChangeNotifier(ILogger<EnvironmentChangeNotifier> logger)
{
    private readonly KeyedSubscribers<EnvironmentSnapshot> _subscribers = new(logger);

    public IDisposable Subscribe(Guid customerId, Func<EnvironmentSnapshot, Task> handler) => _subscribers.Subscribe(customerId, handler);

    public int SubscriberCount(Guid customerId) => _subscribers.Count(customerId);

    public void Publish(EnvironmentSnapshot snapshot) => _subscribers.Publish(snapshot.CustomerId, snapshot);
}
