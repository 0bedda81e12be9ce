namespace DataTricks.Domain.Provisioning;

public static class ProvisioningSteps
{
    /// <summary>The steps of a create, in order; a repair runs them too, skipping what still exists.</summary>
    public static readonly IReadOnlyList<ProvisioningStep> Create =
        [ProvisioningStep.CreateNetwork, ProvisioningStep.CreateStorage, ProvisioningStep.CreateCluster, ProvisioningStep.VerifyReady];

    /// <summary>Where <paramref name="step"/> stands in <paramref name="steps"/>; 0 when it is not one of them.</summary>
    public static int IndexOf(IReadOnlyList<ProvisioningStep> steps, ProvisioningStep step)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] == step)
                return i;
        }
        return 0;
    }

    public static string Describe(ProvisioningStep step) => step switch
    {
        ProvisioningStep.CreateNetwork => "Creating network",
        ProvisioningStep.CreateStorage => "Creating storage",
        ProvisioningStep.CreateCluster => "Creating Spark cluster",
        ProvisioningStep.VerifyReady => "Verifying the cluster answers",
        ProvisioningStep.Resize => "Resizing the cluster",
        _ => "Deleting resources",
    };
}
