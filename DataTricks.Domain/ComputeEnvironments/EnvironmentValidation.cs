using System.Text.RegularExpressions;
using DataTricks.Domain.Common;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>The field rules of create and update requests, shared by the API and the portal's forms.</summary>
public static partial class EnvironmentValidation
{
    public const int DefaultMinWorkers = 1;
    public const int DefaultMaxWorkers = 4;

    [GeneratedRegex(@"\A" + ComputeEnvironmentRules.NodeTypePattern + @"\z")]
    private static partial Regex NodeTypeRegex();

    public sealed record ValidCreate(string Name, CloudProvider Cloud, string Region, string? NodeType, int MinWorkers, int MaxWorkers);

    public static Result<ValidCreate> Validate(CreateEnvironmentRequest request)
    {
        var name = ComputeEnvironmentRules.CleanName(request.Name);
        var cloudKnown = Enum.TryParse<CloudProvider>(request.Cloud, ignoreCase: true, out var cloud) && Enum.IsDefined(cloud)
                         && !int.TryParse(request.Cloud, out _);
        var min = request.MinWorkers ?? DefaultMinWorkers;
        var max = request.MaxWorkers ?? Math.Max(min, DefaultMaxWorkers);
        var errors = new FieldErrors()
            .Check(ComputeEnvironmentRules.IsValidName(name), "name", NameMessage)
            .Check(cloudKnown, "cloud", "Choose a cloud: Aws, Azure or Gcp.")
            // An unknown cloud is the cloud field's error; its region is not judged.
            .Check(!cloudKnown || CloudCatalog.IsKnownRegion(cloud, request.Region), "region",
                $"Choose a region of {cloud}: {string.Join(", ", CloudCatalog.Regions(cloud))}.")
            .Check(request.NodeType is null || NodeTypeRegex().IsMatch(request.NodeType), "nodeType", "A node type has 1 to 64 letters, digits, '.', '-' or '_'.");
        CheckWorkers(errors, min, max);
        if (errors.Any)
            return errors.ToFailure();
        return new ValidCreate(name!, cloud, request.Region!, request.NodeType, min, max);
    }

    public static Failure? Validate(UpdateEnvironmentRequest request, int currentMin, int currentMax)
    {
        var errors = new FieldErrors()
            .Check(request.Name is null || ComputeEnvironmentRules.IsValidName(request.Name), "name", NameMessage);
        CheckWorkers(errors, request.MinWorkers ?? currentMin, request.MaxWorkers ?? currentMax);
        return errors.Any ? errors.ToFailure() : null;
    }

    public const string NameMessage = "A name has 1 to 64 letters, digits, '-' or '_', and starts with a letter.";

    private static void CheckWorkers(FieldErrors errors, int min, int max) =>
        errors.Check(min >= 1, "minWorkers", "Min workers must be at least 1.")
            .Check(max <= ComputeEnvironmentRules.MaxWorkersLimit, "maxWorkers", $"Max workers can be at most {ComputeEnvironmentRules.MaxWorkersLimit}.")
            .Check(min <= max, "maxWorkers", "Max workers must be at least min workers.");
}
