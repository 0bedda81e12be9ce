using DataTricks.Domain.Common;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.AccessTokens;

/// <summary>
/// A long-lived API credential. Only a hash of the secret is stored; the prefix (not secret) lets the
/// owner recognise a token in a list and lets the server find the row without scanning hashes.
/// </summary>
public sealed class PersonalAccessToken : ITenantOwned
{
    public const int NameMaxLength = 100;
    public static readonly NameRule NameRule = new("The token name", NameMaxLength);

    private PersonalAccessToken() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid UserId { get; private set; }
    public string Name { get; private set; } = null!;
    public string SecretHash { get; private set; } = null!;
    public string Prefix { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static PersonalAccessToken Issue(
        Guid customerId, Guid userId, string name, string prefix, string secretHash, DateTimeOffset now, DateTimeOffset expiresAt) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            UserId = userId,
            Name = name,
            Prefix = prefix,
            SecretHash = secretHash,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;
}
