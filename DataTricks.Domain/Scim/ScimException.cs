namespace DataTricks.Domain.Scim;

/// <summary>
/// A request SCIM refuses (RFC 7644 §3.12): its HTTP status, the <c>scimType</c> a directory branches on, and a detail
/// for the person reading its provisioning log. Thrown where the request is read, answered once at the endpoint.
/// </summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status => status;
    public string? ScimType => scimType;

    public static ScimException InvalidFilter(string detail) => new(400, "invalidFilter", detail);
    public static ScimException InvalidPath(string detail) => new(400, "invalidPath", detail);
    public static ScimException NoTarget(string detail) => new(400, "noTarget", detail);
    public static ScimException InvalidValue(string detail) => new(400, "invalidValue", detail);
    public static ScimException InvalidSyntax(string detail) => new(400, "invalidSyntax", detail);
    public static ScimException Mutability(string detail) => new(400, "mutability", detail);
    public static ScimException TooMany(string detail) => new(400, "tooMany", detail);
    public static ScimException Uniqueness(string detail) => new(409, "uniqueness", detail);
    public static ScimException NotFound(string what) => new(404, null, $"{what} was not found.");
    public static ScimException Conflict(string detail) => new(409, null, detail);
    public static ScimException PreconditionFailed(string detail) => new(412, null, detail);
    public static ScimException Forbidden(string detail) => new(403, null, detail);
}
