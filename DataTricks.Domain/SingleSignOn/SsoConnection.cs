using DataTricks.Domain.Common;
using DataTricks.Domain.Tenancy;
using DataTricks.Domain.Users;

namespace DataTricks.Domain.SingleSignOn;

/// <summary>
/// A customer's OpenID Connect provider: where its people sign in, for which e-mail domains, what a first sign-in makes
/// of them, and whether a password still opens their accounts. A customer has at most one.
/// </summary>
public sealed class SsoConnection : ITenantOwned
{
    private readonly List<SsoDomain> _domains = [];
    private readonly List<SsoBreakGlassAdmin> _breakGlassAdmins = [];

    private SsoConnection() { }

    public Guid CustomerId { get; private set; }
    public string Issuer { get; private set; } = "";
    public string ClientId { get; private set; } = "";

    /// <summary>The client secret as the data protector sealed it: never shown again, only replaced.</summary>
    public string ProtectedClientSecret { get; private set; } = "";

    public string DefaultRole { get; private set; } = Roles.Member;

    /// <summary>Whether a person the provider vouches for, with no account yet, gets one at their first sign-in.</summary>
    public bool AllowJustInTime { get; private set; }

    /// <summary>Whether passwords are refused for the customer's users, but for its break-glass admins.</summary>
    public bool RequireSso { get; private set; }

    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<SsoDomain> Domains => _domains;
    public IReadOnlyList<SsoBreakGlassAdmin> BreakGlassAdmins => _breakGlassAdmins;

    public static SsoConnection Create(Guid customerId) => new() { CustomerId = customerId };

    /// <summary>Takes settings <see cref="SsoSettingsRules"/> has checked; a null secret keeps the one stored.</summary>
    public void Configure(SsoSettings settings, string? protectedClientSecret, DateTimeOffset now)
    {
        if (protectedClientSecret is null && ProtectedClientSecret.Length == 0)
            throw new DomainException("A new single sign-on connection needs its client secret.");
        if (settings.RequireSso && settings.BreakGlassAdminIds.Count == 0)
            throw new DomainException("Requiring single sign-on needs at least one break-glass admin.");
        Issuer = settings.Issuer;
        ClientId = settings.ClientId;
        ProtectedClientSecret = protectedClientSecret ?? ProtectedClientSecret;
        DefaultRole = settings.DefaultRole;
        AllowJustInTime = settings.AllowJustInTime;
        RequireSso = settings.RequireSso;
        Replace(_domains, settings.Domains, d => d.Name, name => new SsoDomain(CustomerId, name));
        Replace(_breakGlassAdmins, settings.BreakGlassAdminIds, a => a.UserId, id => new SsoBreakGlassAdmin(CustomerId, id));
        Version++;
        UpdatedAt = now;
    }

    /// <summary>Whether the user <paramref name="userId"/> may still sign in with a password.</summary>
    public bool AllowsPasswordFor(Guid userId) => !RequireSso || _breakGlassAdmins.Any(a => a.UserId == userId);

    // Rows that stay keep their identity, so EF Core updates nothing for them and deletes only what left.
    private static void Replace<TRow, TKey>(List<TRow> rows, IEnumerable<TKey> wanted, Func<TRow, TKey> keyOf, Func<TKey, TRow> create)
    {
        var keep = wanted.ToHashSet();
        rows.RemoveAll(row => !keep.Contains(keyOf(row)));
        rows.AddRange(keep.Where(key => !rows.Any(row => EqualityComparer<TKey>.Default.Equals(keyOf(row), key))).Select(create));
    }
}
