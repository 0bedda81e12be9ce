namespace DataTricks.Domain.Scim;

public sealed record CreateScimTokenRequest(string? Name, int? ExpiresInDays);

/// <summary>A SCIM token as listed: never its secret.</summary>
public sealed record ScimTokenView(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A SCIM token just created: the only time its secret is shown.</summary>
public sealed record CreatedScimToken(ScimTokenView Token, string Secret);

/// <summary>Who a presented SCIM token lets in: the directory of one customer, under the token's name.</summary>
public sealed record DirectoryCaller(Guid CustomerId, Guid TokenId, string TokenName);
