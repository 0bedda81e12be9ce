using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Groups;

/// <summary>A user's membership of a group. The schema makes both belong to <see cref="CustomerId"/>.</summary>
public sealed class GroupMember : ITenantOwned
{
    private GroupMember() { }

    public Guid CustomerId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public static GroupMember Create(Guid customerId, Guid groupId, Guid userId, DateTimeOffset now) =>
        new() { CustomerId = customerId, GroupId = groupId, UserId = userId, AddedAt = now };
}
