using DataTricks.Domain.Common;
using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Groups;

/// <summary>
/// A team of a customer's users (Data Engineering, Finance analysts): repos are shared with it, and its members reach
/// them through it. Kept by the customer's admins, or by their directory over SCIM.
/// </summary>
public sealed class Group : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;

    // Per use, not static fields: see TenantScope.System.
    public static NameRule NameRule => new("The group name", NameMaxLength);
    public static TextRule DescriptionRule => new("The description", DescriptionMaxLength, multiline: true, required: false);

    private Group() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Upper-cased <see cref="Name"/>: unique per customer, so names are unique case-insensitively.</summary>
    public string NormalizedName { get; private set; } = "";

    /// <summary>The <see cref="NaturalSortKey"/> of <see cref="Name"/>: what tables sort by.</summary>
    public string SortKey { get; private set; } = "";

    public string? Description { get; private set; }

    public const int ExternalIdMaxLength = 255;

    /// <summary>The directory's own id of the group (SCIM <c>externalId</c>).</summary>
    public string? ExternalId { get; private set; }

    /// <summary>Whether the customer's directory keeps this group (it created or last wrote it over SCIM).</summary>
    public bool DirectoryManaged { get; private set; }

    /// <summary>Records that the directory wrote the group, under its own id.</summary>
    public void KeptByDirectory(string? externalId)
    {
        ExternalId = externalId;
        DirectoryManaged = true;
    }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Bumped by every change of the group or of its members: its ETag, and the guard against lost updates.</summary>
    public long Version { get; private set; }

    public static Group Create(Guid customerId, string name, string? description, DateTimeOffset now)
    {
        var group = new Group { Id = Guid.CreateVersion7(now), CustomerId = customerId, CreatedAt = now };
        group.Edit(name, description, now);
        return group;
    }

    public void Edit(string name, string? description, DateTimeOffset now)
    {
        var named = NameRule.Check(name);
        if (!named.IsValid)
            throw new DomainException(named.Problem);
        var described = DescriptionRule.Check(description);
        if (!described.IsValid)
            throw new DomainException(described.Problem);
        Name = named.Value;
        NormalizedName = named.Value.ToUpperInvariant();
        SortKey = NaturalSortKey.Of(named.Value);
        Description = described.Value.Length == 0 ? null : described.Value;
        Touch(now);
    }

    /// <summary>Marks a change of a group read for it: its version moves, so a stale write of it is refused.</summary>
    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
