namespace DataTricks.Domain.Common;

/// <summary>
/// The stable, machine-readable codes of failures. Clients branch on these, never on the wording of a detail, so a code
/// once published is never renamed.
/// </summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string NotFound = "not-found";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string ImpersonationRefused = "impersonation-refused";
    public const string SupportAccessNotGranted = "support-access-not-granted";
    public const string NameTaken = "name-taken";
    public const string EmailTaken = "email-taken";
    public const string CustomerRequired = "customer-required";
    public const string EnvironmentInUse = "environment-in-use";
    public const string EnvironmentUnavailable = "environment-unavailable";
    public const string InvalidState = "invalid-state";
    public const string LastAdmin = "last-admin";
    public const string ConcurrentChange = "concurrent-change";
    public const string PreconditionFailed = "precondition-failed";
    public const string IdempotencyKeyInFlight = "idempotency-key-in-flight";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string TooManyRequests = "too-many-requests";
    public const string InternalError = "internal-error";
    public const string DomainClaimed = "domain-claimed";
    public const string SsoCheckFailed = "sso-check-failed";
    public const string SsoRequired = "sso-required";
    public const string LastBreakGlassAdmin = "last-break-glass-admin";
    public const string DirectoryManaged = "directory-managed";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>Every code, with when it is answered: the API document's enum and the API guide's table.</summary>
    public static readonly IReadOnlyList<(string Code, int Status, string Meaning)> All =
    [
        (ValidationFailed, 400, "A field is missing or breaks its rule; `errors` names each field."),
        (Unauthorized, 401, "No valid token, or the e-mail and password do not match."),
        (Forbidden, 403, "The caller's role does not allow this (a member writing, say)."),
        (ImpersonationRefused, 403, "Support staff acting in a customer cannot make this change: it is not on the impersonation allowlist."),
        (SupportAccessNotGranted, 403, "The customer has not granted DataTricks support access."),
        (SsoRequired, 403, "The customer signs in with single sign-on: its users' passwords are refused, but for its break-glass admins."),
        (NotFound, 404, "No such resource in the caller's customer (another customer's looks the same)."),
        (MethodNotAllowed, 405, "The route exists but not with this method; `Allow` lists the methods it takes."),
        (NameTaken, 409, "Another resource of the customer already has this name."),
        (EmailTaken, 409, "The caller's customer already has an account with this e-mail."),
        (CustomerRequired, 409, "The e-mail and password open accounts in several customers; `customers` lists them: send `customerId`."),
        (EnvironmentInUse, 409, "Repos are bound to the environment; `repos` lists them."),
        (EnvironmentUnavailable, 409, "The environment is not in a state repos can use (Failed, Deleting…)."),
        (InvalidState, 409, "The resource is not in a state that allows this (resize a Failed environment, cancel a finished operation)."),
        (DomainClaimed, 409, "Another customer signs in with this e-mail domain; `domains` lists the ones taken."),
        (SsoCheckFailed, 409, "Single sign-on cannot be required while its connection test fails; `detail` says what is wrong."),
        (DirectoryManaged, 409, "The customer's directory keeps this person (SCIM): their name changes there, or an admin detaches them first."),
        (LastAdmin, 409, "The change would leave the customer without an active admin."),
        (LastBreakGlassAdmin, 409, "The change would leave a customer that requires single sign-on without an admin who can use a password."),
        (ConcurrentChange, 409, "Someone else changed it at the same moment; read it again and retry."),
        (IdempotencyKeyInFlight, 409, "A request with this Idempotency-Key is still being processed; retry shortly."),
        (PreconditionFailed, 412, "If-Match does not match the current ETag: read the resource again."),
        (UnsupportedMediaType, 415, "The body is not `application/json` (or, where a route says so, `application/merge-patch+json`)."),
        (IdempotencyKeyReused, 422, "This Idempotency-Key was already used with a different request."),
        (TooManyRequests, 429, "Too many attempts; wait Retry-After seconds."),
        (InternalError, 500, "Something broke on our side; quote the traceId to support."),
    ];
}
