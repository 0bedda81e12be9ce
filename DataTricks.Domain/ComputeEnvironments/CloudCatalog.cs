namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>The regions and default node types each cloud offers to our customers.</summary>
public static class CloudCatalog
{
    private static readonly Dictionary<CloudProvider, string[]> RegionsByCloud = new()
    {
        [CloudProvider.Aws] = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1"],
        [CloudProvider.Azure] = ["eastus", "eastus2", "westus2", "westeurope", "northeurope", "southeastasia", "japaneast"],
        [CloudProvider.Gcp] = ["us-central1", "us-east1", "us-west1", "europe-west1", "europe-west4", "asia-southeast1", "asia-northeast1"],
    };

    private static readonly Dictionary<CloudProvider, string> DefaultNodeTypes = new()
    {
        [CloudProvider.Aws] = "m5.xlarge",
        [CloudProvider.Azure] = "Standard_DS3_v2",
        [CloudProvider.Gcp] = "n2-standard-4",
    };

    public static IReadOnlyList<string> Regions(CloudProvider cloud) => RegionsByCloud[cloud];

    public static bool IsKnownRegion(CloudProvider cloud, string? region) =>
        RegionsByCloud.TryGetValue(cloud, out var regions) && regions.Contains(region, StringComparer.Ordinal);

    public static string DefaultNodeType(CloudProvider cloud) => DefaultNodeTypes[cloud];
}
