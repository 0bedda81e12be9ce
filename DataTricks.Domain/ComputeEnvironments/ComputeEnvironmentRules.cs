using System.Text.RegularExpressions;
using DataTricks.Domain.Common;

namespace DataTricks.Domain.ComputeEnvironments;

/// <summary>The input rules of an environment, shared by the entity, the API and the portal's forms.</summary>
public static partial class ComputeEnvironmentRules
{
    public const int NameMaxLength = 64;
    public const int NodeTypeMaxLength = 64;
    public const int MaxWorkersLimit = 1000;
    public const int StatusMessageMaxLength = 1000;

    /// <summary>A name, without anchors: the API document anchors it with ^ and $, the check with \A and \z.</summary>
    public const string NamePattern = "[A-Za-z][A-Za-z0-9_-]{0,63}";

    /// <summary>A node type, without anchors.</summary>
    public const string NodeTypePattern = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    // \z, not $: $ also matches before a final line break, which would let "abc\n" through.
    [GeneratedRegex(@"\A" + NamePattern + @"\z")]
    private static partial Regex NameRegex();

    /// <summary>The name names cloud resources, so it is restricted to what every cloud accepts.</summary>
    public static bool IsValidName(string? name) => name is not null && NameRegex().IsMatch(name);

    /// <summary>The name trimmed and in NFC, as every name is before its rule is checked.</summary>
    public static string? CleanName(string? name) => name is null ? null : NameRule.Clean(name) ?? name;

    public static bool AreValidWorkers(int minWorkers, int maxWorkers) =>
        minWorkers >= 1 && minWorkers <= maxWorkers && maxWorkers <= MaxWorkersLimit;
}
