namespace DataTricks.Domain.Scim;

/// <summary>A SCIM write's precondition (If-Match), against the resource's <c>meta.version</c>.</summary>
public static class ScimVersion
{
    /// <summary>Refuses with 412 when <paramref name="ifMatch"/> names versions and <paramref name="current"/> is not one of them.</summary>
    public static void Check(string? ifMatch, string current, string what)
    {
        if (ifMatch is null || ifMatch.Trim() == "*" || ifMatch.Split(',').Select(t => t.Trim()).Contains(current))
            return;
        throw ScimException.PreconditionFailed($"The {what} changed since you read it (now {current}); read it again.");
    }
}
