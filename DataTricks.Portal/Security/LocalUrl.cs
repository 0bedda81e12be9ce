namespace DataTricks.Portal.Security;

/// <summary>Where a sign-in may send the browser afterwards: a path of this site, never another site (an open redirect lets a phishing link bounce users anywhere).</summary>
public static class LocalUrl
{
    public static string Of(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && !url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? "/" + url.TrimStart('/')
            : "/";
}
