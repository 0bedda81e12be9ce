namespace DataTricks.Domain.Provisioning;

/// <summary>The steps of a create, in the order they run.</summary>
public enum ProvisioningStep
{
    CreateNetwork,
    CreateStorage,
    CreateCluster,
    VerifyReady,
}
