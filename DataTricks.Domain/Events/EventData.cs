using DataTricks.Domain.Impersonation;
using DataTricks.Domain.Repos;
using DataTricks.Domain.SupportAccess;

namespace DataTricks.Domain.Events;

/// <summary>A repo as a change left it.</summary>
public sealed record RepoEventData(Guid Id, string Name, string? Description, Guid ComputeEnvironmentId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RepoEventData Of(Repo repo) => new(repo.Id, repo.Name, repo.Description, repo.ComputeEnvironmentId, repo.CreatedAt, repo.UpdatedAt);
}

/// <summary>A support access grant as a change left it; <see cref="EndedAt"/> is set once it was revoked or ran out.</summary>
public sealed record SupportAccessEventData(Guid GrantId, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? EndedAt)
{
    public static SupportAccessEventData Of(SupportAccessGrant grant) => new(grant.Id, grant.GrantedAt, grant.ExpiresAt, grant.RevokedAt, grant.EndedAt);
}

/// <summary>An impersonation by DataTricks support as a change left it; <see cref="EndedAt"/> is set once it ended.</summary>
public sealed record ImpersonationEventData(Guid SessionId, Guid StaffUserId, string Reason, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt)
{
    public static ImpersonationEventData Of(ImpersonationSession session) =>
        new(session.Id, session.StaffUserId, session.Reason, session.StartedAt, session.ExpiresAt, session.EndedAt);
}
