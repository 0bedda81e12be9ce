using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Groups;

/// <summary>A repo shared with a group: every member of the group may use it. The schema makes both belong to <see cref="CustomerId"/>.</summary>
public sealed class RepoGroupGrant : ITenantOwned
{
    private RepoGroupGrant() { }

    public Guid CustomerId { get; private set; }
    public Guid RepoId { get; private set; }
    public Guid GroupId { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }

    public static RepoGroupGrant Create(Guid customerId, Guid repoId, Guid groupId, DateTimeOffset now) =>
        new() { CustomerId = customerId, RepoId = repoId, GroupId = groupId, GrantedAt = now };
}
