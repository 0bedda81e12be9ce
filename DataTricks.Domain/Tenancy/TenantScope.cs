namespace DataTricks.Domain.Tenancy;

/// <summary>
/// Whose data a unit of work may see and change. <see cref="None"/> sees nothing; <see cref="System"/>
/// (the provisioning worker's sweep, start-up seeding) sees every customer and is never derived from a request.
/// </summary>
public sealed record TenantScope(
    Guid? CustomerId,
    Guid? UserId = null,
    Guid? ImpersonatorUserId = null,
    DateTimeOffset? ImpersonationExpiresAt = null,
    bool IsSystem = false)
{
    public static readonly TenantScope None = new(CustomerId: null);
    public static readonly TenantScope System = new(CustomerId: null, IsSystem: true);

    public static TenantScope ForCustomer(Guid customerId, Guid? userId = null) => new(customerId, userId);

    public bool IsImpersonation => ImpersonatorUserId is not null;
}
