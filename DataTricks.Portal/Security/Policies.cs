namespace DataTricks.Portal.Security;

/// <summary>Authorization policy names. Members read, admins write, staff reach customers only by impersonating.</summary>
public static class Policies
{
    /// <summary>Any active user acting inside a customer: its own members, or staff impersonating it.</summary>
    public const string TenantMember = "TenantMember";

    /// <summary>A customer admin, or support staff impersonating the customer.</summary>
    public const string TenantAdmin = "TenantAdmin";

    /// <summary>The caller may make the <c>TenantWrite</c> passed as the resource (admins, members for their own things, staff per the allowlist).</summary>
    public const string TenantWrite = "TenantWrite";

    /// <summary>Staff of the platform operator.</summary>
    public const string Support = "Support";
}
