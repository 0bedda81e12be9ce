namespace DataTricks.Domain.Common;

/// <summary>Counts in words people read: "1 repo", "2 repos", "0 repos".</summary>
public static class Plural
{
    public static string Of(int count, string noun, string? plural = null) =>
        $"{count} {(count == 1 ? noun : plural ?? noun + "s")}";
}
