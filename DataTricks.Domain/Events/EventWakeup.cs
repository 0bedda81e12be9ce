using DataTricks.Domain.Common;

namespace DataTricks.Domain.Events;

/// <summary>Wakes this process's event sequencer when a save of this process wrote events (<see cref="EventWakeupInterceptor"/>).</summary>
public sealed class EventWakeup : Wakeup;
