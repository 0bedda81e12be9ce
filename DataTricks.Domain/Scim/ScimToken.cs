using DataTricks.Domain.Common;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Scim;

/// <summary>
/// The credential a customer's directory (Okta, Entra ID) provisions with over SCIM: it reaches only <c>/scim/v2</c>
/// of its customer. As with personal access tokens, only a hash of the secret is stored and the prefix finds the row.
/// </summary>
public sealed class ScimToken : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const int DefaultLifetimeDays = 365;
    public const int MaxLifetimeDays = 730;

    // Per use, not a static field: see TenantScope.System.
    public static NameRule NameRule => new("The token name", NameMaxLength);

    private ScimToken() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public string SecretHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public static ScimToken Issue(Guid customerId, string name, string prefix, string secretHash, DateTimeOffset now, DateTimeOffset expiresAt) =>
        new() { Id = Guid.CreateVersion7(now), CustomerId = customerId, Name = name, Prefix = prefix, SecretHash = secretHash, CreatedAt = now, ExpiresAt = expiresAt };

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset now) => LastUsedAt = now;
}
