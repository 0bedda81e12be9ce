namespace DataTricks.Domain.Tenancy;

/// <summary>
/// Whose data a unit of work may see and change. <see cref="None"/> sees nothing; <see cref="System"/>
/// (the provisioning worker's sweep, start-up seeding) sees every customer and is never derived from a request.
/// <see cref="IsAdmin"/> is the caller's right to change the customer, as the database said when the scope was made.
/// </summary>
public sealed record TenantScope(
    Guid? CustomerId,
    Guid? UserId = null,
    Guid? ImpersonatorUserId = null,
    DateTimeOffset? ImpersonationExpiresAt = null,
    bool IsSystem = false,
    bool IsAdmin = false,
    string? DirectoryName = null)
{
    public static readonly TenantScope None = new(CustomerId: null);
    // Made per use, not held in a static field: a scope is a value (records compare by value), and a mutation test can
    // only switch a mutant on in code that runs after the test process has started.
    public static TenantScope System => new(CustomerId: null, IsSystem: true);

    /// <summary>A member of the customer: reads, and manages only their own tokens.</summary>
    public static TenantScope ForCustomer(Guid customerId, Guid? userId = null) => new(customerId, userId);

    /// <summary>An admin of the customer: may change it.</summary>
    public static TenantScope ForAdmin(Guid customerId, Guid? userId = null) => new(customerId, userId, IsAdmin: true);

    /// <summary>Support staff acting inside a customer: admin rights, short of minting credentials or changing who has rights.</summary>
    public static TenantScope ForImpersonation(Guid customerId, Guid staffUserId, DateTimeOffset? expiresAt) =>
        new(customerId, staffUserId, staffUserId, expiresAt, IsAdmin: true);

    /// <summary>
    /// The customer's directory provisioning over SCIM, named by its token: it acts for the customer's admins, within
    /// <see cref="DirectoryAllowlist"/>, and no user of the customer is the actor.
    /// </summary>
    public static TenantScope ForDirectory(Guid customerId, string tokenName) => new(customerId, IsAdmin: true, DirectoryName: tokenName);

    public bool IsImpersonation => ImpersonatorUserId is not null;

    public bool IsDirectory => DirectoryName is not null;
}
