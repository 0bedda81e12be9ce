using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;

namespace DataTricks.Domain.Tenancy;

/// <summary>
/// What the caller may do, checked by the services themselves so that a forgotten endpoint policy or a hidden button
/// is never the only guard. Rights come from the tenant scope, which follows the database on every request.
/// </summary>
public sealed class Authority(ITenantContext tenant, AuditLog audit, DataTricksDbContext db)
{
    /// <summary>
    /// Null when the caller may make <paramref name="write"/>; otherwise the 403 to answer. Members are refused what
    /// only admins may do; support staff acting in a customer are refused, and the attempt audited, whatever
    /// <see cref="ImpersonationAllowlist"/> does not name.
    /// </summary>
    public async Task<Failure?> AuthorizeAsync(TenantWrite write, CancellationToken cancellationToken)
    {
        if (write.Permits(tenant.IsAdmin, tenant.ImpersonatorUserId is not null, tenant.DirectoryName is not null))
            return null;
        if (tenant.DirectoryName is not null)
            return Failure.Forbidden($"The directory cannot {write.Attempt}; an admin of the customer can, in the portal.");
        if (!tenant.IsAdmin)
            return Failure.Forbidden("Only an admin of the customer can do this; ask one of your admins.");
        audit.Record(AuditActions.ImpersonationRefused, null, null, $"Refused while impersonating: {write.Attempt}");
        await db.SaveChangesAsync(cancellationToken);
        return Failure.Forbidden($"Support staff cannot {write.Attempt} while impersonating a customer; ask one of the customer's admins.", ProblemCodes.ImpersonationRefused);
    }
}
