using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Tests.ComputeEnvironments;

/// <summary>A create or update request checked field by field, each refusal with the rule that was broken.</summary>
public sealed class EnvironmentValidationTests
{
    private static CreateEnvironmentRequest Request(string? cloud = "Aws", string? region = "us-east-1", string? nodeType = null, int? min = null, int? max = null) =>
        new("prod", cloud, region, nodeType, min, max);

    [Fact]
    public void The_cloud_is_read_in_any_case_and_the_workers_default_to_1_to_4()
    {
        var valid = EnvironmentValidation.Validate(Request(cloud: "aws")).Value!;

        Assert.Equal((CloudProvider.Aws, 1, 4), (valid.Cloud, valid.MinWorkers, valid.MaxWorkers));
    }

    [Fact]
    public void Without_a_max_the_max_is_at_least_the_min()
    {
        Assert.Equal((6, 6), EnvironmentValidation.Validate(Request(min: 6)).Value is { } v ? (v.MinWorkers, v.MaxWorkers) : default);
        Assert.Equal((2, 4), EnvironmentValidation.Validate(Request(min: 2)).Value is { } w ? (w.MinWorkers, w.MaxWorkers) : default);
    }

    [Fact]
    public void An_unknown_cloud_is_the_only_error_its_region_gets()
    {
        var failure = EnvironmentValidation.Validate(Request(cloud: "Oracle", region: "nowhere-1")).Failure!;

        Assert.Equal(["cloud"], failure.FieldErrors!.Keys);
    }

    [Fact]
    public void A_thousand_workers_is_the_most_taken()
    {
        Assert.True(EnvironmentValidation.Validate(Request(max: 1000)).Succeeded);
        Assert.Null(EnvironmentValidation.Validate(new UpdateEnvironmentRequest(null, 1000, 1000), 1, 2));
    }

    [Theory]
    [InlineData("Aws", "westeurope", null, null, null, "region", "Choose a region of Aws: us-east-1, us-east-2, us-west-2, eu-west-1, eu-central-1, ap-southeast-1, ap-northeast-1.")]
    [InlineData("Oracle", "us-east-1", null, null, null, "cloud", "Choose a cloud: Aws, Azure or Gcp.")]
    [InlineData("Aws", "us-east-1", "bad type!", null, null, "nodeType", "A node type has 1 to 64 letters, digits, '.', '-' or '_'.")]
    [InlineData("Aws", "us-east-1", null, 0, null, "minWorkers", "Min workers must be at least 1.")]
    [InlineData("Aws", "us-east-1", null, null, 1001, "maxWorkers", "Max workers can be at most 1000.")]
    [InlineData("Aws", "us-east-1", null, 3, 2, "maxWorkers", "Max workers must be at least min workers.")]
    public void A_broken_rule_is_refused_on_its_field_with_its_message(string cloud, string region, string? nodeType, int? min, int? max, string field, string message)
    {
        var failure = EnvironmentValidation.Validate(Request(cloud, region, nodeType, min, max)).Failure!;

        Assert.Contains(message, failure.FieldErrors![field]);
    }
}
