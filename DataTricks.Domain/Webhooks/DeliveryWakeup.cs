using DataTricks.Domain.Common;

namespace DataTricks.Domain.Webhooks;

/// <summary>Wakes this process's webhook dispatcher when deliveries became due now (new events, a redelivery, a free slot).</summary>
public sealed class DeliveryWakeup : Wakeup;
