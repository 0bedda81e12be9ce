namespace DataTricks.Domain.Tenancy;

/// <summary>The tenant of the current unit of work (request, circuit, or worker operation).</summary>
public interface ITenantContext
{
    /// <summary>The customer whose data is visible; null when none is (anonymous, staff not impersonating, expired impersonation).</summary>
    Guid? CustomerId { get; }

    /// <summary>The user acting, recorded as the actor of audit events.</summary>
    Guid? UserId { get; }

    /// <summary>The support staff user acting through impersonation, if any.</summary>
    Guid? ImpersonatorUserId { get; }

    bool IsSystem { get; }

    /// <summary>The SCIM token acting for the customer's directory, by name; null for everyone else.</summary>
    string? DirectoryName { get; }

    /// <summary>Whether the caller may change the customer: its admins, and support staff impersonating it.</summary>
    bool IsAdmin { get; }

    /// <summary>Runs what follows in <paramref name="scope"/> until the result is disposed, then restores the previous scope.</summary>
    IDisposable Use(TenantScope scope);
}
