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
        await NewestFirst(db.PersonalAccessTokens.Where(t => t.UserId == tenant.UserId), 0, int.MaxValue).ToListAsync(cancellationToken);

    /// <summary>The customer's token list is newest first, whatever else is asked.</summary>
    public static IReadOnlyList<string> SortColumns => ["created"];

    /// <summary>Every token of the customer with its owner, newest first: what its automation signs in with. Admins only.</summary>
    public async Task<Result<OffsetPage<AccessTokenView>>> ListAllAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        if (!tenant.IsAdmin)
            return Failure.Forbidden("Only an admin of the customer can see everyone's tokens; ask one of your admins.");
        var total = await db.PersonalAccessTokens.CountAsync(cancellationToken);
        var items = await NewestFirst(db.PersonalAccessTokens, query.Offset, query.Limit).ToListAsync(cancellationToken);
        return new OffsetPage<AccessTokenView>(items, total, query.Offset);
    }

    /// <summary>Tokens with their owners, newest first, one window of them: ordered before the views are made, which SQL cannot sort by.</summary>
    private IQueryable<AccessTokenView> NewestFirst(IQueryable<PersonalAccessToken> tokens, int skip, int take) =>
        tokens.Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, OwnerId = u.Id, OwnerEmail = u.Email! })
            .OrderByDescending(x => x.Token.CreatedAt).ThenBy(x => x.Token.Id).Skip(skip).Take(take)
            .Select(x => new AccessTokenView(x.Token.Id, x.Token.Name, x.Token.Prefix, x.Token.CreatedAt, x.Token.ExpiresAt, x.Token.LastUsedAt,
                x.Token.RevokedAt, x.OwnerId, x.OwnerEmail));

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
        return await NewestFirst(db.PersonalAccessTokens.Where(t => t.Id == token.Id), 0, 1).SingleAsync(cancellationToken);
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
