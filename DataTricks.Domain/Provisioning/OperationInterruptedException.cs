namespace DataTricks.Domain.Provisioning;

/// <summary>The run of an operation must stop: its lease went to another worker, or the user canceled it.</summary>
internal sealed class OperationInterruptedException(bool canceledByUser) : Exception
{
    public bool CanceledByUser { get; } = canceledByUser;
}
