using DataTricks.Domain.ComputeEnvironments;

namespace DataTricks.Portal.Api;

/// <summary>An environment as the API shows it.</summary>
public sealed record EnvironmentResponse(
    Guid Id, string Name, CloudProvider Cloud, string Region, string NodeType, int MinWorkers, int MaxWorkers,
    ComputeEnvironmentStatus Status, string? StatusMessage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? ReadyAt, Guid? OperationId, int RepoCount)
{
    public static EnvironmentResponse From(EnvironmentView view) =>
        new(view.Id, view.Name, view.Cloud, view.Region, view.NodeType, view.MinWorkers, view.MaxWorkers, view.Status,
            view.StatusMessage, view.CreatedAt, view.UpdatedAt, view.ReadyAt, view.OperationId, view.RepoCount);
}
