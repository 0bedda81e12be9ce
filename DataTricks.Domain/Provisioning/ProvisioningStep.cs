namespace DataTricks.Domain.Provisioning;

/// <summary>The steps operations are made of; each operation kind runs some of them in its own order.</summary>
public enum ProvisioningStep
{
    CreateNetwork,
    CreateStorage,
    CreateCluster,
    VerifyReady,
    Resize,
    Delete,
}
