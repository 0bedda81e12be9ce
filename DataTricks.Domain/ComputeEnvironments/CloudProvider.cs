namespace DataTricks.Domain.ComputeEnvironments;

public enum CloudProvider
{
    Aws,
    Azure,
    Gcp,
}
