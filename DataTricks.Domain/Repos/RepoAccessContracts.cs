using DataTricks.Domain.Groups;

namespace DataTricks.Domain.Repos;

/// <summary>
/// A person who may use a repo, and how: directly (<see cref="Direct"/>, since <see cref="AddedAt"/>) and/or through
/// each of <see cref="Groups"/>.
/// </summary>
public sealed record RepoMemberView(Guid UserId, string Email, string DisplayName, bool Direct, DateTimeOffset? AddedAt, IReadOnlyList<GroupRef> Groups);

/// <summary>A group a repo is shared with.</summary>
public sealed record RepoGroupView(Guid GroupId, string Name, int MemberCount, DateTimeOffset GrantedAt);
