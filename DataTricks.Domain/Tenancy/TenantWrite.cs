namespace DataTricks.Domain.Tenancy;

/// <summary>
/// One kind of change a caller can make inside a customer. Every service write names its kind, and
/// <see cref="Authority.AuthorizeAsync"/> decides from it: admins only or anyone of the customer, and whether support
/// staff acting in the customer may make it (<see cref="ImpersonationAllowlist"/>), and whether the customer's directory
/// may (<see cref="DirectoryAllowlist"/>).
/// </summary>
/// <param name="Name">A stable name, as in tests and the README's allowlist.</param>
/// <param name="Attempt">What the caller tried, in words, for the refusal message and its audit row.</param>
/// <param name="AdminOnly">Whether only the customer's admins may make it; otherwise it acts on the caller's own things.</param>
public sealed record TenantWrite(string Name, string Attempt, bool AdminOnly = true)
{
    /// <summary>Whether a caller with these rights may make this write: the one rule the services and the pages' buttons both ask.</summary>
    public bool Permits(bool isAdmin, bool isImpersonating, bool isDirectory = false) =>
        (isAdmin || !AdminOnly) && (!isImpersonating || ImpersonationAllowlist.Allows(this)) && (!isDirectory || DirectoryAllowlist.Allows(this));

    public override string ToString() => Name;
}
