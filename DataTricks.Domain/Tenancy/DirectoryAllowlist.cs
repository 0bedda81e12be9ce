namespace DataTricks.Domain.Tenancy;

/// <summary>
/// What a customer's directory may change over SCIM with its token: the people and the teams it keeps (create users,
/// rename them, activate and deactivate them, keep groups and their members), and nothing else: no roles, passwords,
/// tokens, repos or environments. Any write not listed here is refused to the directory, so a new kind of write is
/// refused until someone adds it here on purpose.
/// </summary>
public static class DirectoryAllowlist
{
    private static readonly HashSet<TenantWrite> Allowed =
    [
        TenantWrites.CreateUser,
        TenantWrites.RenameUser,
        TenantWrites.ChangeUserRights,
        TenantWrites.ChangeGroups,
        TenantWrites.ChangeGroupMembers,
    ];

    public static bool Allows(TenantWrite write) => Allowed.Contains(write);
}
