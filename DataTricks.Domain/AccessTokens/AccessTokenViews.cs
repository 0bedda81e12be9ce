namespace DataTricks.Domain.AccessTokens;

public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

/// <summary>A token as listed, with its owner: never its secret.</summary>
public sealed record AccessTokenView(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, Guid OwnerId, string OwnerEmail);

/// <summary>A token just created: the only time its secret is shown.</summary>
public sealed record CreatedToken(Guid Id, string Name, string Token, DateTimeOffset ExpiresAt);
