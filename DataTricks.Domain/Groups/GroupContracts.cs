namespace DataTricks.Domain.Groups;

public sealed record GroupView(
    Guid Id, string Name, string? Description, int MemberCount, int RepoCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record CreateGroupRequest(string? Name, string? Description);

/// <summary>Only the fields sent change.</summary>
public sealed record UpdateGroupRequest(string? Name, string? Description);

public sealed record GroupMemberView(Guid UserId, string Email, string DisplayName, bool IsActive, DateTimeOffset AddedAt);

/// <summary>A group as another list names it: a repo's member "through Data Engineering", a picker's choice.</summary>
public sealed record GroupRef(Guid Id, string Name);

/// <summary>A repo shared with a group.</summary>
public sealed record SharedRepoView(Guid RepoId, string Name, DateTimeOffset SharedAt);
