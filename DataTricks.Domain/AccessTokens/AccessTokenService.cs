using DataTricks.Domain.Auditing;
using DataTricks.Domain.Common;
using DataTricks.Domain.Infrastructure.Persistence;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace DataTricks.Domain.AccessTokens;

/// <summary>The caller's personal access tokens, and turning a presented token back into its user.</summary>
public sealed class AccessTokenService(DataTricksDbContext db, ITenantContext tenant, Authority authority, AuditLog audit, TimeProvider time)
{
    public const int DefaultLifetimeDays = 30;
    public const int MaxLifetimeDays = 365;

    /// <summary>Last-used times are written at most this often, so busy scripts do not write on every call.</summary>
    private static readonly TimeSpan LastUsedGranularity = TimeSpan.FromMinutes(1);

    public async Task<Result<CreatedToken>> CreateAsync(CreateTokenRequest request, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.CreateToken, cancellationToken) is { } refused)
            return refused;
        var nameCheck = PersonalAccessToken.NameRule.Check(request.Name);
        var name = nameCheck.Value;
        var days = request.ExpiresInDays ?? DefaultLifetimeDays;
        var errors = new FieldErrors()
            .Check("name", nameCheck)
            .Check(days is >= 1 and <= MaxLifetimeDays, "expiresInDays", $"A token lasts 1 to {MaxLifetimeDays} days.");
        if (errors.Any)
            return errors.ToFailure();
        if (tenant.CustomerId is not { } customerId || tenant.UserId is not { } userId)
            return Failure.NotFound("The caller");

        var now = time.GetUtcNow();
        var (token, prefix) = TokenSecret.Generate();
        var row = PersonalAccessToken.Issue(customerId, userId, name, prefix, TokenSecret.Hash(token), now, now.AddDays(days));
        db.PersonalAccessTokens.Add(row);
        audit.Record(AuditActions.TokenCreated, "token", row.Id, $"Token '{name}' ({prefix}) expiring {row.ExpiresAt:u}");
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedToken(row.Id, row.Name, token, row.ExpiresAt);
    }

    public async Task<IReadOnlyList<AccessTokenView>> ListMineAsync(CancellationToken cancellationToken = default) =>
        await db.PersonalAccessTokens
            .Where(t => t.UserId == tenant.UserId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new AccessTokenView(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);

    public async Task<Result<AccessTokenView>> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await authority.AuthorizeAsync(TenantWrites.RevokeToken, cancellationToken) is { } refused)
            return refused;
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == tenant.UserId, cancellationToken);
        if (token is null)
            return Failure.NotFound("The token");
        if (token.RevokedAt is null)
        {
            token.Revoke(time.GetUtcNow());
            audit.Record(AuditActions.TokenRevoked, "token", token.Id, $"Token '{token.Name}' ({token.Prefix})");
            await db.SaveChangesAsync(cancellationToken);
        }
        return new AccessTokenView(token.Id, token.Name, token.Prefix, token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.RevokedAt);
    }

    /// <summary>
    /// The active user a presented token belongs to, or null for an unknown, revoked or expired token or an
    /// inactive user. Runs before any tenant is known, so it looks across customers, then records the use in the token's own.
    /// </summary>
    public async Task<User?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!TokenSecret.TryGetPrefix(presented, out var prefix))
            return null;
        var token = await db.PersonalAccessTokens.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .FirstOrDefaultAsync(t => t.Prefix == prefix, cancellationToken);
        var now = time.GetUtcNow();
        if (token is null || !TokenSecret.Matches(presented, token.SecretHash) || !token.IsUsableAt(now))
            return null;
        var user = await db.Users.IgnoreQueryFilters([DataTricksDbContext.TenantFilter])
            .FirstOrDefaultAsync(u => u.Id == token.UserId && u.IsActive, cancellationToken);
        if (user is null)
            return null;

        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedGranularity)
        {
            using var _ = tenant.Use(TenantScope.ForCustomer(token.CustomerId, token.UserId));
            token.MarkUsed(now);
            await db.SaveChangesAsync(cancellationToken);
        }
        return user;
    }
}
