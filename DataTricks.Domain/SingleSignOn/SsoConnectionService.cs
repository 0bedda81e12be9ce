using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataTricks.Domain.SingleSignOn;

/// <summary>
/// A customer's single sign-on as its admins set it: read (by support staff acting in the customer too), replaced,
/// removed and tested. Each domain signs in to one customer only; requiring single sign-on needs a passing connection
/// test and an active admin who can still use a password.
/// </summary>
public sealed class SsoConnectionService(
    DataTricksDbContext db, ITenantContext tenant, Authority authority, AdminRules adminRules, AuditLog audit, IIdentityProviderCheck provider,
    IDataProtectionProvider protection, IOptions<SsoOptions> options, TimeProvider time)
{
    /// <summary>The data protector purpose of client secrets; changing it makes every stored secret unreadable.</summary>
    public const string SecretPurpose = "DataTricks.Sso.ClientSecret.v1";

    public async Task<Result<SsoSettingsView>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!tenant.IsAdmin)
            return AdminsOnly;
        return await LoadAsync(cancellationToken) is { } connection ? SsoSettingsView.Of(connection) : NotConfigured;
    }

    /// <summary>The settings page's read: the settings (none yet is not an error here), the redirect path and the admins who can be break-glass.</summary>
    public async Task<Result<SsoSetup>> SetupAsync(CancellationToken cancellationToken = default)
    {
        if (!tenant.IsAdmin || tenant.CustomerId is not { } customerId)
            return AdminsOnly;
        var connection = await LoadAsync(cancellationToken);
        var admins = await (await adminRules.ActiveAdminsAsync(cancellationToken))
            .OrderBy(u => u.Email).Select(u => new BreakGlassCandidate(u.Id, u.Email!)).ToListAsync(cancellationToken);
        return new SsoSetup(connection is null ? null : SsoSettingsView.Of(connection), SsoSettingsView.RedirectPathOf(customerId), admins);
    }

    public async Task<Result<SsoSettingsView>> PutAsync(SsoSettingsRequest request, VersionMatch? ifMatch = null, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeSingleSignOn, cancellationToken) is { } refused)
            return refused;
        if (tenant.CustomerId is not { } customerId)
            return Failure.NotFound("The customer");
        var connection = await LoadAsync(cancellationToken);
        if (ifMatch?.Allows(connection?.Version ?? 0) == false)
            return VersionMatch.Stale("Single sign-on");
        var checkedRequest = SsoSettingsRules.Check(request, options.Value.AllowInsecureIssuers, hasStoredSecret: connection is not null);
        if (!checkedRequest.Succeeded)
            return checkedRequest.Failure;
        var (settings, secret) = checkedRequest.Value;
        if (await NotActiveAdminsAsync(settings.BreakGlassAdminIds, cancellationToken) is { Count: > 0 } strangers)
            return Failure.Invalid("breakGlassAdminIds", $"A break-glass admin must be an active admin of the customer: {string.Join(", ", strangers)} is not.");
        if (await ClaimedElsewhereAsync(customerId, settings.Domains, cancellationToken) is { Count: > 0 } claimed)
            return DomainsClaimed(claimed);
        if (settings.RequireSso && await provider.CheckAsync(settings.Issuer, cancellationToken) is { Succeeded: false } broken)
            return Failure.Conflict(ProblemCodes.SsoCheckFailed, $"Single sign-on cannot be required while the connection test fails: {broken.Message}");

        if (connection is null)
            db.SsoConnections.Add(connection = SsoConnection.Create(customerId));
        connection.Configure(settings, secret is null ? null : protection.CreateProtector(SecretPurpose).Protect(secret), time.GetUtcNow());
        audit.Record(AuditActions.SsoConfigured, "customer", customerId,
            $"Issuer {settings.Issuer}, domains {string.Join(", ", settings.Domains)}" + (secret is null ? "" : ", new client secret")
            + (settings.RequireSso ? ", single sign-on required" : ""));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another customer claimed a domain, or another admin saved, at the same moment: the schema kept one.
            db.ChangeTracker.Clear();
            return await ClaimedElsewhereAsync(customerId, settings.Domains, cancellationToken) is { Count: > 0 } taken
                ? DomainsClaimed(taken)
                : Failure.Conflict(ProblemCodes.ConcurrentChange, "Single sign-on was changed at the same moment by someone else; look again and retry.");
        }
        return SsoSettingsView.Of(connection);
    }

    /// <summary>Removes single sign-on: everyone signs in with a password again. Links to the provider's people stay, for a return.</summary>
    public async Task<Result<SsoSettingsView>> DeleteAsync(CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeSingleSignOn, cancellationToken) is { } refused)
            return refused;
        if (await LoadAsync(cancellationToken) is not { } connection)
            return NotConfigured;
        db.SsoConnections.Remove(connection);
        audit.Record(AuditActions.SsoRemoved, "customer", connection.CustomerId, $"Issuer {connection.Issuer}");
        await db.SaveChangesAsync(cancellationToken);
        return SsoSettingsView.Of(connection);
    }

    /// <summary>Tests <paramref name="issuer"/>, or the stored issuer when none is given, as a sign-in would read it.</summary>
    public async Task<Result<ProviderCheckResult>> TestAsync(string? issuer, CancellationToken cancellationToken = default)
    {
        if (!tenant.IsAdmin)
            return AdminsOnly;
        var tested = issuer ?? (await LoadAsync(cancellationToken))?.Issuer;
        if (tested is null)
            return NotConfigured;
        if (SsoSettingsRules.CheckIssuer(tested, options.Value.AllowInsecureIssuers) is { } invalid)
            return invalid;
        return await provider.CheckAsync(tested.Trim(), cancellationToken);
    }

    private static Failure AdminsOnly => Failure.Forbidden("Only an admin of the customer can see its single sign-on; ask one of your admins.");

    private static Failure NotConfigured => Failure.NotFound("Single sign-on");

    private static Failure DomainsClaimed(IReadOnlyList<string> domains) => Failure.Conflict(ProblemCodes.DomainClaimed,
        $"Another customer signs in with {string.Join(", ", domains)}. If your company owns it, contact DataTricks support.",
        new Dictionary<string, object?> { ["domains"] = domains });

    private Task<SsoConnection?> LoadAsync(CancellationToken cancellationToken) =>
        db.SsoConnections.Include(c => c.Domains).Include(c => c.BreakGlassAdmins).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Domains of the list another customer signs in with: read past the tenant filter, which hides them.</summary>
    private async Task<List<string>> ClaimedElsewhereAsync(Guid customerId, IReadOnlyList<string> domains, CancellationToken cancellationToken) =>
        await db.SsoDomains.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .Where(d => domains.Contains(d.Name) && d.CustomerId != customerId).Select(d => d.Name).Order().ToListAsync(cancellationToken);

    private async Task<List<Guid>> NotActiveAdminsAsync(IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var admins = await (await adminRules.ActiveAdminsAsync(cancellationToken)).Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        return [.. userIds.Except(admins)];
    }
}
