namespace DataTricks.Domain.Tenancy;

/// <summary>
/// What support staff acting in a customer may change: the help a customer's admins ask support for (getting
/// environments and repos working), and nothing about who has rights or credentials, and nothing that destroys the
/// customer's work. Reads are not writes and stay open. Any write not listed here is refused and audited, so a new
/// kind of write is refused to staff until someone adds it here on purpose.
/// </summary>
public static class ImpersonationAllowlist
{
    private static readonly HashSet<TenantWrite> Allowed =
    [
        TenantWrites.RenameCustomer,
        TenantWrites.RenameUser,
        TenantWrites.CreateRepo,
        TenantWrites.UpdateRepo,
        TenantWrites.CreateEnvironment,
        TenantWrites.UpdateEnvironment,
        TenantWrites.RetryEnvironment,
        TenantWrites.RepairEnvironment,
        TenantWrites.CancelOperation,
    ];

    public static bool Allows(TenantWrite write) => Allowed.Contains(write);
}
