namespace DataTricks.Domain.Provisioning;

public enum OperationKind
{
    Create,
    Delete,
    Resize,
    Repair,
}
