using System.Text.RegularExpressions;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>The input rules of an environment, shared by the entity, the API and the portal's forms.</summary>
public static partial class ComputeEnvironmentRules
{
    public const int NameMaxLength = 64;
    public const int NodeTypeMaxLength = 64;
    public const int MaxWorkersLimit = 1000;
    public const int StatusMessageMaxLength = 1000;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>The name names cloud resources, so it is restricted to what every cloud accepts.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static bool AreValidWorkers(int minWorkers, int maxWorkers) =>
        minWorkers >= 1 && minWorkers <= maxWorkers && maxWorkers <= MaxWorkersLimit;
}
