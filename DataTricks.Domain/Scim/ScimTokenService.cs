using DataTricks.Domain.AccessTokens;
using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.Scim;

/// <summary>The customer's SCIM tokens (admins only), and turning a presented one back into its customer's directory.</summary>
public sealed class ScimTokenService(DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, TimeProvider time)
{
    /// <summary>Last-used times are written at most this often: a directory's sync makes thousands of calls.</summary>
    private static readonly TimeSpan LastUsedGranularity = TimeSpan.FromMinutes(1);

    public async Task<Result<IReadOnlyList<ScimTokenView>>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!tenant.IsAdmin)
            return Failure.Forbidden("Only an admin of the customer can see its SCIM tokens; ask one of your admins.");
        return await db.ScimTokens.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => ToView(t)).ToListAsync(cancellationToken);
    }

    public async Task<Result<CreatedScimToken>> CreateAsync(CreateScimTokenRequest request, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeScimTokens, cancellationToken) is { } refused)
            return refused;
        var named = ScimToken.NameRule.Check(request.Name);
        var days = request.ExpiresInDays ?? ScimToken.DefaultLifetimeDays;
        var errors = new FieldErrors()
            .Check("name", named)
            .Check(days is >= 1 and <= ScimToken.MaxLifetimeDays, "expiresInDays", $"A SCIM token lasts 1 to {ScimToken.MaxLifetimeDays} days.");
        if (errors.Any)
            return errors.ToFailure();
        if (tenant.CustomerId is not { } customerId)
            return Failure.NotFound("The customer");
        var now = time.GetUtcNow();
        var (secret, prefix) = TokenSecret.Generate(TokenSecret.ScimScheme);
        var token = ScimToken.Issue(customerId, named.Value, prefix, TokenSecret.Hash(secret), now, now.AddDays(days));
        db.ScimTokens.Add(token);
        audit.Record(AuditActions.ScimTokenCreated, "scim-token", token.Id, $"SCIM token '{token.Name}' ({prefix}) expiring {token.ExpiresAt:u}");
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedScimToken(ToView(token), secret);
    }

    public async Task<Result<ScimTokenView>> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.ChangeScimTokens, cancellationToken) is { } refused)
            return refused;
        var token = await db.ScimTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
            return Failure.NotFound("The SCIM token");
        if (token.RevokedAt is null)
        {
            token.Revoke(time.GetUtcNow());
            audit.Record(AuditActions.ScimTokenRevoked, "scim-token", token.Id, $"SCIM token '{token.Name}' ({token.Prefix})");
            await db.SaveChangesAsync(cancellationToken);
        }
        return ToView(token);
    }

    /// <summary>
    /// The directory a presented SCIM token lets in, or null for an unknown, revoked or expired one. Runs before any
    /// tenant is known, so it looks across customers, then records the use in the token's own.
    /// </summary>
    public async Task<DirectoryCaller?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!TokenSecret.TryGetPrefix(presented, out var prefix, TokenSecret.ScimScheme))
            return null;
        var token = await db.ScimTokens.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .FirstOrDefaultAsync(t => t.Prefix == prefix, cancellationToken);
        var now = time.GetUtcNow();
        if (token is null || !TokenSecret.Matches(presented, token.SecretHash) || !token.IsUsableAt(now))
            return null;
        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedGranularity)
        {
            using var _ = tenant.Use(TenantScope.ForDirectory(token.CustomerId, token.Name));
            token.MarkUsed(now);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new DirectoryCaller(token.CustomerId, token.Id, token.Name);
    }

    private static ScimTokenView ToView(ScimToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
