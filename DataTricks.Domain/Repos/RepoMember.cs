using DataTricks.Domain.Tenancy;

namespace DataTricks.Domain.Repos;

/// <summary>A user's membership of a repo. The schema makes both belong to <see cref="CustomerId"/>.</summary>
public sealed class RepoMember : ITenantOwned
{
    private RepoMember() { }

    public Guid CustomerId { get; private set; }
    public Guid RepoId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public static RepoMember Create(Guid customerId, Guid repoId, Guid userId, DateTimeOffset now) =>
        new() { CustomerId = customerId, RepoId = repoId, UserId = userId, AddedAt = now };
}
