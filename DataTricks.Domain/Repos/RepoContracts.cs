using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Domain.Repos;

public sealed record RepoView(
    Guid Id, string Name, string? Description, Guid ComputeEnvironmentId, string ComputeEnvironmentName,
    ComputeEnvironmentStatus ComputeEnvironmentStatus, int MemberCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record CreateRepoRequest(string? Name, string? Description, Guid? ComputeEnvironmentId);

public sealed record UpdateRepoRequest(string? Name, string? Description, Guid? ComputeEnvironmentId);

/// <summary>An environment a repo may be bound to, for pickers.</summary>
public sealed record BindableEnvironment(Guid Id, string Name, ComputeEnvironmentStatus Status);
