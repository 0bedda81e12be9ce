using DataTricks.Domain.Common;

namespace DataTricks.Domain.Provisioning;

/// <summary>Wakes this process's provisioning worker when an operation becomes due now (a request stored one, a cancel, a collision).</summary>
public sealed class WorkerWakeup : Wakeup;
