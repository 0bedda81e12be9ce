namespace DataTricks.Domain.Provisioning;

public enum OperationStatus
{
    NotStarted,
    Running,
    Succeeded,
    Failed,
    Canceled,
}
