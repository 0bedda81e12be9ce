namespace DataTricks.Domain.Provisioning;

public static class ProvisioningSteps
{
    public static readonly IReadOnlyList<ProvisioningStep> All = Enum.GetValues<ProvisioningStep>();

    /// <summary>The steps a create runs from <paramref name="resumeFrom"/> on (all of them when null).</summary>
    public static IEnumerable<ProvisioningStep> From(ProvisioningStep? resumeFrom) =>
        All.SkipWhile(step => resumeFrom is { } first && step != first);

    public static string Describe(ProvisioningStep step) => step switch
    {
        ProvisioningStep.CreateNetwork => "Creating network",
        ProvisioningStep.CreateStorage => "Creating storage",
        ProvisioningStep.CreateCluster => "Creating Spark cluster",
        ProvisioningStep.VerifyReady => "Verifying the cluster answers",
        _ => step.ToString(),
    };
}
