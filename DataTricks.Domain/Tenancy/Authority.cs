using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Persistence;

namespace DataTricks.Domain.Tenancy;

/// <summary>
/// What the caller may do, checked by the services themselves so that a forgotten endpoint policy or a hidden button
/// is never the only guard. Rights come from the tenant scope, which follows the database on every request.
/// </summary>
public sealed class Authority(ITenantContext tenant, AuditLog audit, DataTricksDbContext db)
{
    /// <summary>Null when the caller may change the customer; otherwise the 403 to answer.</summary>
    public Failure? RequireAdmin() =>
        tenant.IsAdmin ? null : Failure.Forbidden("Only an admin of the customer can do this; ask one of your admins.");

    /// <summary>
    /// Null unless support staff are impersonating; then the refused attempt is audited and a 403 returned. Staff must
    /// leave nothing behind in a customer: no users, passwords, roles, tokens or support access of their making.
    /// </summary>
    public async Task<Failure?> RefuseWhileImpersonatingAsync(string attempt, CancellationToken cancellationToken)
    {
        if (tenant.ImpersonatorUserId is null)
            return null;
        audit.Record(AuditActions.ImpersonationRefused, null, null, $"Refused while impersonating: {attempt}");
        await db.SaveChangesAsync(cancellationToken);
        return Failure.Forbidden($"Support staff cannot {attempt} while impersonating a customer; ask one of the customer's admins.", ProblemCodes.ImpersonationRefused);
    }

    /// <summary>Both checks, for the writes staff must not make: admin first, then not impersonating.</summary>
    // Stryker disable once NullCoalescing : an impersonation scope is always an admin's, so either order gives the same answer.
    public async Task<Failure?> RequireAdminNotImpersonatingAsync(string attempt, CancellationToken cancellationToken) =>
        RequireAdmin() ?? await RefuseWhileImpersonatingAsync(attempt, cancellationToken);
}
